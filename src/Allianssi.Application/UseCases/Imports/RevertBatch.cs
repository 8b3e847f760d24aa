using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Import.Batches;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>
/// Takes an accepted batch's rows out of the analytical store; its record stays, marked reverted
/// with who and when, and the revert is audited. An analyst of the batch's party or an admin.
/// </summary>
/// <remarks>Rows the batch replaced are not restored; re-import their batch with replace to bring them back.</remarks>
public sealed class RevertBatch(AllianssiDbContext db, AnalyticalData analytical)
{
    public async Task<Outcome<ImportBatchDto>> ExecuteAsync(long batchId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return Outcome<ImportBatchDto>.NotFound("notFound.batch", $"batch {batchId}");
        }

        if (!ImportRules.MaySeeBatch(actor, batch.Party))
        {
            return Outcome<ImportBatchDto>.Forbidden("forbidden.revertBatch", $"only analysts of the batch's party (or an admin) may revert it");
        }

        if (batch.Status != BatchStatus.Accepted)
        {
            return Outcome<ImportBatchDto>.Invalid("status", "form.batchNotAccepted", $"only an accepted batch can be reverted; this one is {batch.Status.ToString().ToLowerInvariant()}");
        }

        var before = ImportBatchDto.From(batch);
        await analytical.WriteLock.WaitAsync(ct);
        try
        {
            await Task.Run(() => analytical.Importer().Revert(batchId), ct);
        }
        finally
        {
            analytical.WriteLock.Release();
        }

        var reverted = await db.ImportBatches.SingleAsync(b => b.Id == batchId, ct);
        reverted.RevertedBy = actor.UserName;
        reverted.RevertedAt ??= analytical.Time.GetUtcNow();
        var after = ImportBatchDto.From(reverted) with { Status = "reverted", RevertedBy = actor.UserName };
        AuditLog.Record(db, analytical.Time, actor, "revert-import", nameof(ImportBatch), batchId.ToString(CultureInfo.InvariantCulture),
            before with { FileName = before.FileName }, after);
        await db.SaveChangesAsync(ct);
        return Outcome<ImportBatchDto>.Ok(ImportBatchDto.From(reverted));
    }
}
