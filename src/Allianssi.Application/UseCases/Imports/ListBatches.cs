using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Import.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>A batch as the history shows it: who, when, which file (name and SHA-256), counts, state.</summary>
public sealed record ImportBatchDto(
    long Id, string Dataset, string FileName, string Sha256, long Bytes, string Status, bool Replace,
    int? RowsRead, int? Accepted, int? Rejected, int? Duplicates, int? Conflicts, int? Replaced,
    string ImportedBy, string? Party, DateTimeOffset ImportedAt, DateTimeOffset? FinishedAt, string? RevertedBy, DateTimeOffset? RevertedAt)
{
    internal static ImportBatchDto From(ImportBatch b) => new(
        b.Id, b.Dataset, b.FileName, b.Sha256, b.Bytes, b.Status.ToString().ToLowerInvariant(), b.Replace,
        b.RowsRead, b.Accepted, b.Rejected, b.Duplicates, b.Conflicts, b.Replaced, b.ImportedBy, b.Party, b.ImportedAt, b.FinishedAt, b.RevertedBy, b.RevertedAt);
}

/// <summary>The batch history, newest first: an admin sees every batch, an analyst their own party's.</summary>
public sealed class ListBatches(AllianssiDbContext db)
{
    public async Task<Outcome<IReadOnlyList<ImportBatchDto>>> ExecuteAsync(Actor actor, int take = 500, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ImportRules.ImportingRoles.Contains(actor.Role))
        {
            return Outcome<IReadOnlyList<ImportBatchDto>>.Forbidden("forbidden.batches", $"only analysts and admins see import batches");
        }

        var query = db.ImportBatches.AsNoTracking();
        if (!actor.IsAdmin)
        {
            query = query.Where(b => b.Party == actor.PartyCode);
        }

        var batches = await query.OrderByDescending(b => b.Id).Take(Math.Clamp(take, 1, 5000)).ToListAsync(ct);
        return Outcome<IReadOnlyList<ImportBatchDto>>.Ok([.. batches.Select(ImportBatchDto.From)]);
    }
}

/// <summary>The diagnostics kept with a batch (codes, rows, columns, messages; never a value).</summary>
public sealed class GetBatchDiagnostics(AllianssiDbContext db)
{
    public async Task<Outcome<IReadOnlyList<Diagnostic>>> ExecuteAsync(long batchId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var batch = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new { b.Party, b.Diagnostics }).SingleOrDefaultAsync(ct);
        if (batch is null)
        {
            return Outcome<IReadOnlyList<Diagnostic>>.NotFound("notFound.batch", $"batch {batchId}");
        }

        if (!ImportRules.MaySeeBatch(actor, batch.Party))
        {
            return Outcome<IReadOnlyList<Diagnostic>>.Forbidden("forbidden.batchOfOtherParty", $"another party's batch");
        }

        return Outcome<IReadOnlyList<Diagnostic>>.Ok(ImportExtract.Decompress(batch.Diagnostics));
    }

    /// <summary>Diagnostics as CSV (code, row, column, severity, message), cells neutralised for spreadsheets.</summary>
    public static string ToCsv(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return SpreadsheetSafe.Csv(
            ["code", "row", "column", "severity", "message"],
            diagnostics.Select(d => (IReadOnlyList<object?>)[d.Code, d.Row, d.Column, d.Severity.ToString().ToLowerInvariant(), d.Message]));
    }
}
