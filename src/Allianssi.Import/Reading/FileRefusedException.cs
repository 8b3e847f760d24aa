namespace Allianssi.Import.Reading;

/// <summary>
/// A reader's refusal of the whole file (a limit, a malformed quote, a hostile archive): the diagnostic it becomes.
/// Thrown from the reader, which may run on the importer's scanning thread, and turned into a file-level diagnostic by
/// <see cref="ExtractImporter"/>; it never reaches the caller. The message never holds a field's value.
/// </summary>
#pragma warning disable CA1032, CA1064 // Internal: made only by the readers with a diagnostic, caught only by the importer.
internal sealed class FileRefusedException(string code, int row, string? column, string message) : Exception(message)
#pragma warning restore CA1032, CA1064
{
    /// <summary>The diagnostic code (<see cref="Diagnostics.DiagnosticCodes"/>).</summary>
    public string Code { get; } = code;

    /// <summary>The data row counted from 1; 0 for the header or the file as a whole.</summary>
    public int Row { get; } = row;

    /// <summary>The column's header name (or its position) when the refusal is about one column.</summary>
    public string? Column { get; } = column;
}
