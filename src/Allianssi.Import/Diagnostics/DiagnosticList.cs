namespace Allianssi.Import.Diagnostics;

/// <summary>
/// Collects diagnostics, keeping at most a fixed number per code so that a file of ten million bad
/// rows cannot exhaust memory; what is left out is counted and reported as <see cref="DiagnosticCodes.Suppressed"/>.
/// </summary>
internal sealed class DiagnosticList(int maxPerCode)
{
    private readonly List<Diagnostic> _items = [];
    private readonly Dictionary<string, int> _perCode = new(StringComparer.Ordinal);

    public bool HasFileError { get; private set; }

    public void Add(string code, int row, string? column, Severity severity, string message)
    {
        if (row == 0 && severity == Severity.Error)
        {
            HasFileError = true;
        }

        _perCode.TryGetValue(code, out var count);
        _perCode[code] = count + 1;
        if (count < maxPerCode)
        {
            _items.Add(new Diagnostic(code, row, column, severity, message));
        }
    }

    public IReadOnlyList<Diagnostic> ToList()
    {
        var result = new List<Diagnostic>(_items);
        foreach (var (code, count) in _perCode.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (count > maxPerCode)
            {
                result.Add(new Diagnostic(DiagnosticCodes.Suppressed, 0, null, Severity.Info,
                    $"{count - maxPerCode} more diagnostics of {code} are not listed ({count} in all)."));
            }
        }

        return [.. result.OrderBy(d => d.Row).ThenBy(d => d.Column, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
