namespace Allianssi.Import.Diagnostics;

/// <summary>
/// One finding of an import: a stable code from <see cref="DiagnosticCodes"/>, where it is and
/// what it means.
/// </summary>
/// <param name="Code">The stable code, e.g. <c>IMP102</c>.</param>
/// <param name="Row">The data row, counted from 1; 0 for the header or the file as a whole.</param>
/// <param name="Column">The column (as the dataset names it), or null when the finding is not about one column.</param>
/// <param name="Severity">Error rejects the row (or the file when <paramref name="Row"/> is 0).</param>
/// <param name="Message">
/// Human-readable text. It never contains a field's value, so no identifier or health datum
/// can leak through a diagnostic.
/// </param>
public sealed record Diagnostic(string Code, int Row, string? Column, Severity Severity, string Message);
