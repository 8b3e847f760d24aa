using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// At start-up, before the worker takes jobs: a job that an earlier process left queued or running
/// cannot be running any more (the queue is in-process, and a computation stores its results in one
/// transaction that a crash rolls back), so it is marked interrupted instead of showing as running forever.
/// </summary>
/// <remarks>
/// Assumes one job-running process per operational store (the analytical store has one writer); a
/// second web instance starting would otherwise mark the first one's running job as interrupted.
/// </remarks>
public sealed class MarkInterruptedJobs(AllianssiDbContext db, TimeProvider time)
{
    /// <summary>The error recorded on an interrupted job.</summary>
    public const string Reason = "interrupted: the application stopped before the job finished; nothing of it was stored, start it again";

    /// <summary>Marks the unfinished jobs and returns how many there were.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var unfinished = await db.BackgroundJobs.Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running).ToListAsync(ct);
        foreach (var job in unfinished)
        {
            job.Status = JobStatus.Interrupted;
            job.Error = Reason;
            job.FinishedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return unfinished.Count;
    }
}
