namespace Allianssi.Application.Data.Entities;

/// <summary>What a party's leadership agrees to: the result as computed, or reopening a locked result.</summary>
public enum ApprovalKind
{
    /// <summary>Approves the scorecard and settlement of the scope as computed (hyväksyntä).</summary>
    Approve,

    /// <summary>Agrees to reopen a locked result.</summary>
    Reopen,
}

/// <summary>
/// One party's approval of a period's (or one year's) scorecard and settlement, or its consent to
/// reopen the locked result. Approvals are never deleted: a change to an input marks the open ones
/// invalidated with the reason; locking links them to the lock.
/// </summary>
public sealed class ResultApproval
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public int PeriodId { get; set; }

    public Period? Period { get; set; }

    /// <summary>The year approved, or null for the whole period.</summary>
    public int? Year { get; set; }

    public int PartyId { get; set; }

    public Party? Party { get; set; }

    public ApprovalKind Kind { get; set; }

    public required string ApprovedBy { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The SHA-256 of the snapshot the approver saw (what the lock will carry if nothing changes).</summary>
    public required string ResultHash { get; set; }

    /// <summary>Why the party reopens (for <see cref="ApprovalKind.Reopen"/>).</summary>
    public string? Reason { get; set; }

    /// <summary>The lock this approval became part of (approve) or asks to reopen (reopen).</summary>
    public int? LockId { get; set; }

    public ResultLock? Lock { get; set; }

    public DateTimeOffset? InvalidatedAt { get; set; }

    /// <summary>Which input changed, e.g. "ledger line of mehilainen for 2023 changed".</summary>
    public string? InvalidationReason { get; set; }
}

/// <summary>
/// A result every party approved: the immutable snapshot (canonical JSON of the inputs, the
/// definition versions and parameters, the scorecard and the money) and its SHA-256.
/// </summary>
public sealed class ResultLock
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public int PeriodId { get; set; }

    public Period? Period { get; set; }

    public int? Year { get; set; }

    /// <summary>"alliance/period/year" while the lock is in force, null once reopened; unique, so a scope has one lock at a time.</summary>
    public string? ActiveScope { get; set; }

    public required string Snapshot { get; set; }

    public required string SnapshotHash { get; set; }

    public DateTimeOffset LockedAt { get; set; }

    public DateTimeOffset? ReopenedAt { get; set; }

    public string? ReopenReason { get; set; }
}
