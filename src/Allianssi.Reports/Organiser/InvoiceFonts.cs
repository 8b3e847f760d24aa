using PdfSharp.Fonts;

namespace Allianssi.Reports.Organiser;

/// <summary>
/// The font of the invoice PDF, chosen explicitly: DejaVu Sans from Debian's <c>fonts-dejavu-core</c>
/// (<c>/usr/share/fonts/truetype/dejavu</c>: Finnish letters, the euro sign), else Liberation Sans.
/// </summary>
/// <remarks>
/// A copy of the period reports' resolver idea (issue 15's <c>ReportFonts</c>, which was being written at the same
/// time): PDFsharp's resolver is process-wide, so this one installs itself only when none is set, else as the
/// fallback, and answers only its own family, so that whichever resolver came first keeps working.
/// </remarks>
public sealed class InvoiceFonts : IFontResolver
{
    /// <summary>The family name the invoice asks for.</summary>
    public const string Family = "Allianssi Invoice";

    private static readonly Lock Gate = new();

    private static readonly (string Folder, string Regular, string Bold)[] Candidates =
    [
        ("/usr/share/fonts/truetype/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ];

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private InvoiceFonts(byte[] regular, byte[] bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Installs the resolver once (primary when none is set, else fallback).</summary>
    /// <exception cref="InvalidOperationException">No font found in the folders named.</exception>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is InvoiceFonts || GlobalFontSettings.FallbackFontResolver is InvoiceFonts)
            {
                return;
            }

            var fonts = Load();
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = fonts;
            }
            else if (GlobalFontSettings.FallbackFontResolver is null)
            {
                GlobalFontSettings.FallbackFontResolver = fonts;
            }
        }
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? "allianssi-invoice-bold" : "allianssi-invoice") : null;

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) => faceName switch
    {
        "allianssi-invoice" => _regular,
        "allianssi-invoice-bold" => _bold,
        _ => null,
    };

    private static InvoiceFonts Load()
    {
        foreach (var (folder, regular, bold) in Candidates)
        {
            var r = Path.Combine(folder, regular);
            var b = Path.Combine(folder, bold);
            if (File.Exists(r) && File.Exists(b))
            {
                return new InvoiceFonts(File.ReadAllBytes(r), File.ReadAllBytes(b));
            }
        }

        throw new InvalidOperationException("No font for the invoice PDF: install fonts-dejavu-core (looked in "
            + string.Join(", ", Candidates.Select(c => c.Folder)) + ")");
    }
}
