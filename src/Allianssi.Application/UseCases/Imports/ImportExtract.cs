using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Reference;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Import;
using Allianssi.Import.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>What to import.</summary>
/// <param name="Dataset">The dataset of data-model.md.</param>
/// <param name="Content">The file: readable and seekable (the web spools an upload to a temporary file first).</param>
/// <param name="FileName">As uploaded.</param>
public sealed record ImportExtractCommand(string Dataset, Stream Content, string FileName)
{
    public bool DryRun { get; init; }

    public bool Replace { get; init; }

    /// <summary>The alliance's party ids for ledger checks; null takes the operational store's parties (admins only; others are held to their own).</summary>
    public IReadOnlyCollection<string>? Parties { get; init; }

    public IProgress<ImportProgress>? Progress { get; init; }
}

/// <summary>
/// Imports one extract as one batch (CLI and web): checks who may import the dataset
/// (<see cref="ImportRules"/>), runs <see cref="ExtractImporter"/> over the analytical store with the
/// batch record and retained upload in the operational database, keeps the diagnostics with the
/// batch and audits it.
/// </summary>
public sealed class ImportExtract(AllianssiDbContext db, AnalyticalData analytical)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<ImportResult>> ExecuteAsync(ImportExtractCommand command, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var partyRole = actor.PartyCode is null ? null
            : await db.Parties.Where(p => p.Code == actor.PartyCode).Select(p => (PartyRole?)p.Role).FirstOrDefaultAsync(ct);
        if (!ImportRules.MayImport(actor, partyRole, command.Dataset))
        {
            return Outcome<ImportResult>.Forbidden("forbidden.importDataset", $"this role or party does not import '{command.Dataset}'");
        }

        IReadOnlyCollection<string> parties = actor.IsAdmin
            ? command.Parties ?? await AllPartiesAsync(ct)
            : [actor.PartyCode!];

        ExtractImporter importer;
        try
        {
            importer = analytical.Importer();
        }
        catch (InvalidOperationException e)
        {
            return Outcome<ImportResult>.Invalid("key", e.Message);
        }

        var request = new ImportRequest
        {
            Dataset = command.Dataset, Content = command.Content, FileName = command.FileName, DryRun = command.DryRun, Replace = command.Replace,
            Parties = parties, ImportedBy = actor.UserName, Party = actor.PartyCode, Progress = command.Progress,
        };
        ImportResult result;
        await analytical.WriteLock.WaitAsync(ct);
        try
        {
            result = await Task.Run(() => importer.Import(request, ct), ct);
        }
        finally
        {
            analytical.WriteLock.Release();
        }

        if (result.Batch is { } id)
        {
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == id, ct);
            batch.Diagnostics = Compress(result.Diagnostics);
            AuditLog.Record(db, analytical.Time, actor, "import", nameof(ImportBatch), id.ToString(CultureInfo.InvariantCulture), null,
                new { batch.Dataset, batch.FileName, batch.Sha256, result.RowsRead, result.Accepted, result.Rejected, result.Duplicates, result.Conflicts, command.Replace });
            await db.SaveChangesAsync(ct);
        }

        return Outcome<ImportResult>.Ok(result);
    }

    private async Task<IReadOnlyCollection<string>> AllPartiesAsync(CancellationToken ct)
    {
        var codes = await db.Parties.Select(p => p.Code).Distinct().ToListAsync(ct);
        if (codes.Count > 0)
        {
            return codes;
        }

        // No alliance configured yet (a bare CLI data folder): the embedded reference's parties.
        return Domain.Reference.ReferenceConfiguration.Tesoma.PartyIds;
    }

    internal static byte[] Compress(IReadOnlyList<Diagnostic> diagnostics)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gzip, diagnostics, Json);
        }

        return buffer.ToArray();
    }

    internal static IReadOnlyList<Diagnostic> Decompress(byte[]? bytes)
    {
        if (bytes is null)
        {
            return [];
        }

        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<Diagnostic>>(gzip, Json) ?? [];
    }
}
