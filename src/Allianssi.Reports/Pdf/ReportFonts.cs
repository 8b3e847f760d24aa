using PdfSharp.Fonts;

namespace Allianssi.Reports.Pdf;

/// <summary>
/// The fonts of the PDF documents, chosen explicitly: DejaVu Sans (Debian's <c>fonts-dejavu-core</c>,
/// under <c>/usr/share/fonts/truetype/dejavu</c>), which covers Finnish letters, the euro sign and the
/// minus sign; Liberation Sans as the fallback when DejaVu is not installed. The folder can be moved
/// with <c>ALLIANSSI_FONT_DIR</c> (a folder holding <c>DejaVuSans.ttf</c> and <c>DejaVuSans-Bold.ttf</c>).
/// </summary>
/// <remarks>
/// PDFsharp on Linux finds no fonts by itself, and its resolver is process-wide and cannot be replaced
/// once a font was used. Every PDF of Allianssi (the period report, the party statement, the organiser's
/// invoice) therefore draws with this one resolver: <see cref="EnsureRegistered"/> installs it once, and
/// refuses to run beside a resolver of another kind rather than draw with fonts it did not choose.
/// </remarks>
public sealed class ReportFonts : IFontResolver
{
    /// <summary>The family name every report uses.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];
    private static readonly string[] LiberationFolders = ["/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation"];

    private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private ReportFonts(string regular, string bold)
    {
        _faces["regular"] = File.ReadAllBytes(regular);
        _faces["bold"] = File.ReadAllBytes(bold);
    }

    /// <summary>Installs the resolver for the process (once); throws naming the folders looked in when no font is found.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not null)
            {
                throw new InvalidOperationException(
                    $"Another PDF font resolver ({GlobalFontSettings.FontResolver.GetType().Name}) is installed; the documents draw only with ReportFonts.");
            }

            GlobalFontSettings.FontResolver = Load();
        }
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for is drawn in the one chosen family: the documents name only this one.
        new(bold ? "bold" : "regular");

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out var bytes) ? bytes : null;

    private static ReportFonts Load()
    {
        var configured = Environment.GetEnvironmentVariable("ALLIANSSI_FONT_DIR");
        IEnumerable<string> dejaVu = string.IsNullOrWhiteSpace(configured) ? Folders : [configured, .. Folders];
        foreach (var folder in dejaVu)
        {
            var regular = Path.Combine(folder, "DejaVuSans.ttf");
            var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
            if (File.Exists(regular) && File.Exists(bold))
            {
                return new ReportFonts(regular, bold);
            }
        }

        foreach (var folder in LiberationFolders)
        {
            var regular = Path.Combine(folder, "LiberationSans-Regular.ttf");
            var bold = Path.Combine(folder, "LiberationSans-Bold.ttf");
            if (File.Exists(regular) && File.Exists(bold))
            {
                return new ReportFonts(regular, bold);
            }
        }

        throw new InvalidOperationException(
            $"No font for PDF documents: install fonts-dejavu-core (looked in {string.Join(", ", dejaVu.Concat(LiberationFolders))}) or set ALLIANSSI_FONT_DIR.");
    }
}
