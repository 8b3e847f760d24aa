using System.Collections.Frozen;

namespace Allianssi.Import.Diagnostics;

/// <summary>
/// The catalogue of import diagnostic codes. <c>IMP0xx</c> are about the file as a whole,
/// <c>IMP1xx</c> about one row's values, <c>IMP2xx</c> about a row against other rows (duplicates,
/// conflicts). Codes are stable: never renumber, never reuse; docs/import-diagnostics.md lists
/// them and a test keeps the two in step.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file cannot be read as CSV or XLSX (corrupt, binary, undecodable).</summary>
    public const string Unreadable = "IMP001";
    /// <summary>The file has no header row.</summary>
    public const string Empty = "IMP002";
    /// <summary>A required column is missing: the whole file is refused.</summary>
    public const string MissingColumn = "IMP003";
    /// <summary>A column the dataset does not know: ignored.</summary>
    public const string UnknownColumn = "IMP004";
    /// <summary>The same column appears twice in the header: the file is refused.</summary>
    public const string DuplicateColumn = "IMP005";
    /// <summary>The dataset name is not one of data-model.md's.</summary>
    public const string UnknownDataset = "IMP006";
    /// <summary>The same bytes were already imported as an accepted batch: nothing changes.</summary>
    public const string SameFile = "IMP007";
    /// <summary>More informational diagnostics of one code than are listed; the count is given.</summary>
    public const string Suppressed = "IMP008";
    /// <summary>A ledger file arrived but the caller gave no list of the alliance's parties.</summary>
    public const string NoParties = "IMP009";
    /// <summary>The file has a header but no data rows.</summary>
    public const string NoRows = "IMP010";
    /// <summary>The header or a row has more columns than the reader's limit (an XLSX cell beyond the column limit).</summary>
    public const string TooManyColumns = "IMP011";
    /// <summary>A CSV record (line) or an XLSX cell's text longer than the reader's limit.</summary>
    public const string RecordTooLong = "IMP012";
    /// <summary>A CSV quoted field that never closes, or characters after a closing quote.</summary>
    public const string BadQuote = "IMP013";
    /// <summary>An XLSX row beyond the reader's row limit.</summary>
    public const string TooManyRows = "IMP014";
    /// <summary>An XLSX sheet with more cells than the reader's limit.</summary>
    public const string TooManyCells = "IMP015";
    /// <summary>An XLSX shared-strings table with more strings or characters than the reader's limit.</summary>
    public const string SharedStringsTooLarge = "IMP016";
    /// <summary>An XLSX archive whose parts decompress beyond the size or compression-ratio limits (a zip bomb), or with too many parts or styles.</summary>
    public const string ArchiveTooLarge = "IMP017";
    /// <summary>An XLSX part with a document type declaration (entities: the billion-laughs attack); never processed.</summary>
    public const string XmlDeclarations = "IMP018";
    /// <summary>A CSV file with NUL bytes (binary data, or UTF-16 text).</summary>
    public const string BinaryData = "IMP019";
    /// <summary>A CSV file that mixes UTF-8 and another encoding (valid UTF-8 sequences beside invalid bytes).</summary>
    public const string MixedEncoding = "IMP020";

    /// <summary>A required value is empty.</summary>
    public const string MissingValue = "IMP101";
    /// <summary>Not a date (<c>YYYY-MM-DD</c> or <c>d.M.yyyy</c>), or no such day.</summary>
    public const string BadDate = "IMP102";
    /// <summary>Not a timestamp (<c>YYYY-MM-DDTHH:mm[:ss]</c> or <c>d.M.yyyy HH:mm</c>).</summary>
    public const string BadTimestamp = "IMP103";
    /// <summary>Not a number (decimal comma or point; space thousands separators allowed).</summary>
    public const string BadNumber = "IMP104";
    /// <summary>Not a whole number.</summary>
    public const string BadInteger = "IMP105";
    /// <summary>Not a boolean (1/0, true/false, kyllä/ei, yes/no).</summary>
    public const string BadBoolean = "IMP106";
    /// <summary>Not one of the column's codes.</summary>
    public const string UnknownCode = "IMP107";
    /// <summary>A henkilötunnus-shaped identifier whose check character is wrong.</summary>
    public const string HetuCheck = "IMP108";
    /// <summary>A henkilötunnus-shaped identifier naming a day that does not exist.</summary>
    public const string HetuDate = "IMP109";
    /// <summary>A lab result in a unit that cannot be converted for its test.</summary>
    public const string UnknownLabUnit = "IMP110";
    /// <summary>A <c>unit_id</c> (or <c>parent_id</c>) that is not in <c>units</c>.</summary>
    public const string UnknownUnit = "IMP111";
    /// <summary>A ledger <c>party_id</c> that is no party of the alliance.</summary>
    public const string UnknownParty = "IMP112";
    /// <summary>A number outside the column's range (e.g. NPS 0-10, ADLH 0-6, a negative count).</summary>
    public const string OutOfRange = "IMP113";
    /// <summary>The row has non-empty fields beyond the header's columns.</summary>
    public const string ExtraFields = "IMP114";
    /// <summary>A code of the wrong shape (ICD-10, municipality code, postal code, age group).</summary>
    public const string MalformedCode = "IMP115";
    /// <summary>An end date before its start date.</summary>
    public const string EndBeforeStart = "IMP116";
    /// <summary>A value longer than the column allows.</summary>
    public const string TooLong = "IMP117";
    /// <summary>A text column holds something shaped like a henkilötunnus with a valid check character: the row is rejected.</summary>
    public const string IdentifierInText = "IMP118";

    /// <summary>Same natural key and same content as a stored or earlier row: accepted, changes nothing.</summary>
    public const string Duplicate = "IMP201";
    /// <summary>Same natural key, different content, no <c>replace</c>: rejected.</summary>
    public const string Conflict = "IMP202";
    /// <summary>Same natural key, different content, <c>replace</c> set: accepted, replaces the earlier row.</summary>
    public const string Replaced = "IMP203";
    /// <summary>A person already known: the later batch updates the person.</summary>
    public const string PersonUpdated = "IMP204";
    /// <summary>With <c>replace</c>, a key another party's batch holds: rejected, the other party's row is untouched.</summary>
    public const string OtherPartysRow = "IMP205";

    /// <summary>Every code with its one-line meaning (the source of docs/import-diagnostics.md).</summary>
    public static FrozenDictionary<string, string> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToFrozenDictionary(f => (string)f.GetRawConstantValue()!, f => f.Name, StringComparer.Ordinal);
}
