using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>A background job as the pages and the API show it.</summary>
public sealed record JobDto(
    long Id, string Kind, string Alliance, string Period, int? Year, string Status, int Done, int Total,
    string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Error, string? Summary, bool CancelRequested)
{
    internal static JobDto From(BackgroundJob j) => new(
        j.Id, j.Kind, j.Alliance, j.Period, j.Year, j.Status.ToString().ToLowerInvariant(), j.Done, j.Total,
        j.RequestedBy, j.RequestedAt, j.StartedAt, j.FinishedAt, j.Error, j.Summary, j.CancelRequested);
}

/// <summary>What to compute in the background.</summary>
/// <param name="Alliance">The alliance code; may be left out when the store holds one alliance.</param>
public sealed record ComputeJobRequest(string? Alliance, string? Period, int? Year);

/// <summary>Hands a queued job to the process's worker (an in-process channel).</summary>
public interface IJobRunner
{
    ValueTask EnqueueAsync(long jobId, CancellationToken ct = default);

    /// <summary>Stops a running job of this process; false when it is not running here.</summary>
    bool Cancel(long jobId);
}

/// <summary>Queues a computation as a background job with a persisted record (analyst or admin), audited.</summary>
public sealed class QueueComputeJob(AllianssiDbContext db, TimeProvider time, IJobRunner queue, AnalyticalStoreLocation location)
{
    public const string Kind = "compute";

    public async Task<Outcome<JobDto>> ExecuteAsync(ComputeJobRequest request, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<JobDto>.Forbidden("forbidden.compute", $"only analysts and admins may compute indicators");
        }

        var allianceCode = request.Alliance;
        if (string.IsNullOrWhiteSpace(allianceCode))
        {
            var codes = await db.Alliances.Select(a => a.Code).Take(2).ToListAsync(ct);
            allianceCode = codes.Count == 1 ? codes[0] : "";
        }

        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<JobDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var v = new Validation();
        var period = await IndicatorDefinitions.PeriodAsync(db, alliance.Id, request.Period ?? "", ct);
        if (period is null)
        {
            v.Add("period", "form.periodUnknown", $"no period '{request.Period}' in alliance '{allianceCode}'");
        }
        else if (request.Year is { } y && !period.Dates.Overlaps(y))
        {
            v.AddOutsidePeriod(y, period.Code, period.Dates.Start.Year, period.Dates.End.Year);
        }

        if (!location.Exists)
        {
            v.Add("store", "form.noStore", $"there is no analytical store yet: import data first");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<JobDto>();
        }

        var job = new BackgroundJob
        {
            Kind = Kind,
            Alliance = alliance.Code,
            Period = period!.Code,
            Year = request.Year,
            Status = JobStatus.Queued,
            RequestedBy = actor.UserName,
            RequestedAt = time.GetUtcNow(),
        };
        db.BackgroundJobs.Add(job);
        await AuditLog.SaveWithEntryAsync(db, () => AuditLog.Record(db, time, actor, "queue-compute", nameof(BackgroundJob), job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { alliance = alliance.Code, period = period.Code, year = request.Year }), ct);
        await queue.EnqueueAsync(job.Id, ct);
        return Outcome<JobDto>.Ok(JobDto.From(job));
    }
}

/// <summary>Reads a background job by id (analyst or admin).</summary>
public sealed class GetJob(AllianssiDbContext db)
{
    public async Task<Outcome<JobDto>> ExecuteAsync(long id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<JobDto>.Forbidden("forbidden.readJobs", $"only analysts and admins may read jobs");
        }

        var job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? Outcome<JobDto>.NotFound("notFound.job", $"job {id}") : Outcome<JobDto>.Ok(JobDto.From(job));
    }
}

/// <summary>Asks a queued or running job to stop (an analyst of the party that queued it, or an admin), audited.</summary>
public sealed class CancelJob(AllianssiDbContext db, TimeProvider time, IJobRunner queue)
{
    public async Task<Outcome<JobDto>> ExecuteAsync(long id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<JobDto>.Forbidden("forbidden.cancelJobs", $"only analysts and admins may cancel jobs");
        }

        var job = await db.BackgroundJobs.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return Outcome<JobDto>.NotFound("notFound.job", $"job {id}");
        }

        // A job belongs to the party of the analyst who queued it: another party's analyst cannot stop it.
        if (!actor.IsAdmin)
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.UserName == job.RequestedBy)
                .Select(u => u.Party == null ? null : u.Party.Code).FirstOrDefaultAsync(ct);
            if (owner is null || !string.Equals(owner, actor.PartyCode, StringComparison.Ordinal))
            {
                return Outcome<JobDto>.Forbidden("forbidden.cancelJobOfOtherParty", $"only the analysts of the party that queued a job (or an admin) may cancel it");
            }
        }

        if (job.Status is JobStatus.Queued or JobStatus.Running)
        {
            job.CancelRequested = true;
            if (job.Status == JobStatus.Queued)
            {
                job.Status = JobStatus.Cancelled;
                job.FinishedAt = time.GetUtcNow();
            }

            AuditLog.Record(db, time, actor, "cancel-compute", nameof(BackgroundJob), id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null);
            await db.SaveChangesAsync(ct);
            queue.Cancel(id);
        }

        return Outcome<JobDto>.Ok(JobDto.From(job));
    }
}

/// <summary>Runs one queued computation job: marks it running, computes with progress, records the outcome.</summary>
public sealed class RunComputeJob(AllianssiDbContext db, TimeProvider time, ComputeIndicators compute, OperationalStore store)
{
    public async Task ExecuteAsync(long id, CancellationToken ct)
    {
        var job = await db.BackgroundJobs.SingleOrDefaultAsync(j => j.Id == id, CancellationToken.None);
        if (job is null || job.Status != JobStatus.Queued)
        {
            return;
        }

        job.Status = JobStatus.Running;
        job.StartedAt = time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        var actor = new Actor(job.RequestedBy, Roles.Analyst, null);
        var progress = new SyncProgress(p =>
        {
            job.Done = p.Done;
            job.Total = p.Total;
        });
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), time);
            var run = compute.ExecuteAsync(job.Alliance, job.Period, job.Year, actor, progress, ct);
            var saveProgress = SaveProgressAsync(id, () => (job.Done, job.Total), timer, run);
            var outcome = await run;
            await saveProgress;
            var stored = await db.BackgroundJobs.SingleAsync(j => j.Id == id, CancellationToken.None);
            stored.Done = job.Done;
            stored.Total = job.Total;
            stored.FinishedAt = time.GetUtcNow();
            if (outcome.IsOk)
            {
                stored.Status = JobStatus.Succeeded;
                var leftOut = outcome.Value!.LeftOut ?? [];
                stored.Summary = $"{outcome.Value.Stored} results stored"
                    + (leftOut.Count == 0 ? "" : $"; own indicators left out: {string.Join(", ", leftOut.Select(f => $"{f.Indicator} v{f.Version} {f.Code}"))}");
            }
            else
            {
                stored.Status = JobStatus.Failed;
                stored.Error = outcome.Message;
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(id, JobStatus.Cancelled, null);
        }
#pragma warning disable CA1031 // A job records any failure instead of crashing the worker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A DuckDB error's message can quote the rows it was computing on: the job record keeps its
            // type only. Other messages (the engine's, the operational store's) name no person.
            var message = e is DuckDB.NET.Data.DuckDBException ? e.GetType().Name : $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            await FinishAsync(id, JobStatus.Failed, message);
        }
    }

    private async Task FinishAsync(long id, JobStatus status, string? error)
    {
        db.ChangeTracker.Clear();
        var stored = await db.BackgroundJobs.SingleAsync(j => j.Id == id, CancellationToken.None);
        stored.Status = status;
        stored.Error = error;
        stored.FinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Writes progress on its own context (the job's is busy computing) every tick until the run ends.</summary>
    private async Task SaveProgressAsync(long id, Func<(int Done, int Total)> read, PeriodicTimer timer, Task run)
    {
        while (!run.IsCompleted && await timer.WaitForNextTickAsync(CancellationToken.None))
        {
            var (done, total) = read();
            await using var progressDb = store.CreateContext();
            await progressDb.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE \"BackgroundJobs\" SET \"Done\" = {done}, \"Total\" = {total} WHERE \"Id\" = {id}", CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Progress reported on the calling thread (no synchronisation context hop).</summary>
    private sealed class SyncProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
