namespace Allianssi.Import.Diagnostics;

/// <summary>How serious an import diagnostic is.</summary>
public enum Severity
{
    /// <summary>Worth knowing; the row or file was accepted as it is.</summary>
    Info,

    /// <summary>Something was ignored or assumed; the row or file was still accepted.</summary>
    Warning,

    /// <summary>The row (row &gt; 0) or the whole file (row 0) was rejected.</summary>
    Error,
}
