using System.Globalization;
using System.Runtime.ExceptionServices;
using Allianssi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.Data;

/// <summary>
/// A stored row whose values the domain's types refuse (a row changed by hand, or written by another version):
/// <see cref="Code"/> is stable (docs/error-codes.md), and the message names the rows by their codes and the
/// columns, never by person data.
/// </summary>
public sealed class StoredDataException : InvalidOperationException
{
    /// <summary>A stored date span (an alliance's or a period's <c>Start</c> and <c>End</c>) whose start is after its end.</summary>
    public const string StartAfterEnd = "STO001";

    /// <summary>A stored weight (a key result area's or an indicator's <c>Weight</c>) below zero.</summary>
    public const string NegativeWeight = "STO002";

    public StoredDataException()
    {
    }

    public StoredDataException(string message)
        : base(message)
    {
    }

    public StoredDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal StoredDataException(string code, IReadOnlyList<string> rows, IReadOnlyList<string> fields, string message, Exception? inner)
        : base(message, inner)
    {
        Code = code;
        Rows = rows;
        Fields = fields;
    }

    /// <summary>The stable code, e.g. <see cref="StartAfterEnd"/>.</summary>
    public string Code { get; } = "";

    /// <summary>The refused rows by their codes: <c>tesoma</c> for an alliance, <c>tesoma/P1</c> for a period.</summary>
    public IReadOnlyList<string> Rows { get; } = [];

    /// <summary>The columns of each refused row that disagree (<c>Start</c>, <c>End</c>).</summary>
    public IReadOnlyList<string> Fields { get; } = [];
}

/// <summary>
/// Reads that materialise the stored date spans of alliances and periods (<see cref="DateSpan"/>, an EF complex type
/// over <c>Start</c> and <c>End</c>). The type refuses a start after the end in its constructor, which EF's
/// materialiser calls: the read fails with an <see cref="ArgumentException"/> that names neither the row nor the table.
/// A read through <see cref="ReadAsync{T}"/> fails instead with a <see cref="StoredDataException"/>
/// (<see cref="StoredDataException.StartAfterEnd"/>) naming every such alliance and period by its code and the columns;
/// a negative stored weight, which the weight's converter refuses (<see cref="StoredDataException.NegativeWeight"/>), is
/// named the same way: every such key result area and indicator by its codes.
/// </summary>
/// <remarks>
/// The check runs only when a read has failed (the columns are compared in SQL), so a good store reads as before. The
/// application never writes such a row (<see cref="DateSpan"/> refuses it before it is saved). No check constraint in
/// the schema: an existing database with such a row would fail its migration on both providers instead of naming it.
/// </remarks>
public static class StoredDates
{
    /// <summary>Runs <paramref name="read"/>; a stored date span the domain refuses is reported naming its rows.</summary>
    /// <exception cref="StoredDataException">The read met an alliance or period stored with its start after its end.</exception>
    public static async Task<T> ReadAsync<T>(AllianssiDbContext db, Func<Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (ArgumentException refused)
        {
            var explained = await ExplainAsync(db, refused, ct);
            if (explained is null)
            {
                ExceptionDispatchInfo.Capture(refused).Throw();
            }

            throw explained;
        }
        catch (StoredDataException refused) when (refused.Code == StoredDataException.NegativeWeight && refused.Rows.Count == 0)
        {
            throw await NegativeWeightsAsync(db, refused, ct);
        }
    }

    /// <summary>The key result areas and indicators stored with a negative weight, as one error naming them by their codes.</summary>
    private static async Task<StoredDataException> NegativeWeightsAsync(AllianssiDbContext db, StoredDataException refused, CancellationToken ct)
    {
        // In SQL: the converter refuses the value as it reads it. SQLite keeps decimals as text, hence the cast.
        var rows = await db.Database.SqlQueryRaw<string>(
            """
            SELECT a."Code" || '/' || k."Code" AS "Value" FROM "KeyResultAreas" k JOIN "Alliances" a ON a."Id" = k."AllianceId"
            WHERE CAST(k."Weight" AS REAL) < 0
            UNION ALL
            SELECT a."Code" || '/' || k."Code" || '/' || i."Code" AS "Value" FROM "Indicators" i
            JOIN "KeyResultAreas" k ON k."Id" = i."KeyResultAreaId" JOIN "Alliances" a ON a."Id" = k."AllianceId"
            WHERE CAST(i."Weight" AS REAL) < 0
            """).ToListAsync(ct);
        rows.Sort(StringComparer.Ordinal);
        var message = $"{StoredDataException.NegativeWeight}: the operational store holds negative weights: {string.Join(", ", rows)} (column Weight). "
            + "A weight is never negative: the row was changed by hand or written by another version. Correct the weights.";
        return new StoredDataException(StoredDataException.NegativeWeight, rows, ["Weight"], message, refused);
    }

    /// <summary>The alliances and periods stored with their start after their end, as one error; null when there are none.</summary>
    private static async Task<StoredDataException?> ExplainAsync(AllianssiDbContext db, ArgumentException refused, CancellationToken ct)
    {
        var alliances = await db.Alliances.AsNoTracking().Where(a => a.Dates.Start > a.Dates.End).OrderBy(a => a.Code)
            .Select(a => new { Row = a.Code, Kind = "alliance", Table = "Alliances", a.Dates.Start, a.Dates.End }).ToListAsync(ct);
        var periods = await db.Periods.AsNoTracking().Where(p => p.Dates.Start > p.Dates.End).OrderBy(p => p.Alliance!.Code).ThenBy(p => p.Code)
            .Select(p => new { Row = p.Alliance!.Code + "/" + p.Code, Kind = "period", Table = "Periods", p.Dates.Start, p.Dates.End }).ToListAsync(ct);
        var rows = alliances.Concat(periods).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var each = rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Kind} {r.Row} has Start {r.Start:yyyy-MM-dd} after End {r.End:yyyy-MM-dd} (columns {r.Table}.Start and {r.Table}.End)"));
        var message = $"{StoredDataException.StartAfterEnd}: the operational store holds dates that cannot be read: {string.Join("; ", each)}. "
            + "A start is never after its end: the row was changed by hand or written by another version. Correct the two dates.";
        return new StoredDataException(StoredDataException.StartAfterEnd, [.. rows.Select(r => r.Row)], [nameof(DateSpan.Start), nameof(DateSpan.End)], message, refused);
    }
}
