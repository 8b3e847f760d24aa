namespace Allianssi.Application.Data.Entities;

/// <summary>
/// A background job (a computation) with its persisted state, so progress, outcome and errors
/// survive the request that queued it and can be read by id.
/// </summary>
public sealed class BackgroundJob
{
    public long Id { get; set; }

    /// <summary>What the job does, e.g. <c>compute</c>.</summary>
    public required string Kind { get; set; }

    public required string Alliance { get; set; }

    public required string Period { get; set; }

    public int? Year { get; set; }

    public JobStatus Status { get; set; }

    public int Done { get; set; }

    public int Total { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why it failed, in words without identifiers or health data.</summary>
    public string? Error { get; set; }

    /// <summary>A short outcome, e.g. the number of results stored.</summary>
    public string? Summary { get; set; }

    public bool CancelRequested { get; set; }
}

/// <summary>Where a background job is.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The process stopped (a crash, a kill) while the job was queued or running; nothing of it was stored.</summary>
    Interrupted,
}
