using System.Globalization;
using System.Text;

namespace Allianssi.Import.Synthetic;

/// <summary>
/// Writes one CSV file in the dialect of a Finnish Excel export: <c>;</c> delimiter, decimal
/// comma, Windows-1252, dates <c>d.M.yyyy</c>, timestamps <c>d.M.yyyy HH:mm</c>, CRLF line ends.
/// </summary>
/// <remarks>
/// Fields are written straight into a buffered writer (no row objects), so memory stays flat
/// however many rows are written. A character Windows-1252 cannot hold throws rather than being
/// silently replaced by <c>?</c>.
/// </remarks>
public sealed class FinnishCsvWriter : IDisposable, IAsyncDisposable
{
    /// <summary>Windows-1252 that throws on an unencodable character.</summary>
    public static readonly Encoding Windows1252 = CreateWindows1252();

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = string.Empty, NegativeSign = "-" };

    private readonly StreamWriter _writer;
    private bool _rowStarted;

    /// <summary>Creates the file and writes its header row.</summary>
    public FinnishCsvWriter(string path, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new StreamWriter(stream, Windows1252, 1 << 16);
        foreach (var column in header)
        {
            Text(column);
        }

        EndRow();
        Rows = 0;
    }

    /// <summary>Data rows written so far (the header excluded).</summary>
    public long Rows { get; private set; }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            _writer.Write(';');
        }

        _rowStarted = true;
    }

    /// <summary>A text field, quoted when it holds a delimiter, a quote, a line break or edge spaces.</summary>
    public FinnishCsvWriter Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(";\"\r\n") < 0 && value[0] != ' ' && value[^1] != ' ')
        {
            _writer.Write(value);
            return this;
        }

        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
        return this;
    }

    /// <summary>An empty field.</summary>
    public FinnishCsvWriter Empty()
    {
        Separator();
        return this;
    }

    /// <summary>An integer field.</summary>
    public FinnishCsvWriter Whole(long value)
    {
        Separator();
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
        return this;
    }

    /// <summary>A prefixed identifier such as <c>V000123</c>, without allocating.</summary>
    public FinnishCsvWriter Id(string prefix, long number)
    {
        Separator();
        _writer.Write(prefix);
        Span<char> buffer = stackalloc char[24];
        number.TryFormat(buffer, out var written, "D7", CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
        return this;
    }

    /// <summary>A number with a decimal comma and at most <paramref name="decimals"/> decimals (fixed).</summary>
    public FinnishCsvWriter Number(double value, int decimals)
    {
        Separator();
        Span<char> buffer = stackalloc char[40];
        Span<char> format = stackalloc char[3];
        format[0] = 'F';
        format[1] = (char)('0' + decimals);
        value.TryFormat(buffer, out var written, format[..2], DecimalComma);
        _writer.Write(buffer[..written]);
        return this;
    }

    /// <summary>Euros with two decimals and a decimal comma (negative for credits).</summary>
    public FinnishCsvWriter Money(decimal value)
    {
        Separator();
        Span<char> buffer = stackalloc char[40];
        value.TryFormat(buffer, out var written, "F2", DecimalComma);
        _writer.Write(buffer[..written]);
        return this;
    }

    /// <summary>A date as <c>d.M.yyyy</c>.</summary>
    public FinnishCsvWriter Date(DateOnly value)
    {
        Separator();
        WriteDate(value);
        return this;
    }

    /// <summary>A date, or an empty field.</summary>
    public FinnishCsvWriter Date(DateOnly? value) => value is { } date ? Date(date) : Empty();

    /// <summary>A timestamp as <c>d.M.yyyy HH:mm</c>.</summary>
    public FinnishCsvWriter Timestamp(DateTime value)
    {
        Separator();
        WriteDate(DateOnly.FromDateTime(value));
        Span<char> buffer = stackalloc char[6];
        buffer[0] = ' ';
        buffer[1] = (char)('0' + (value.Hour / 10));
        buffer[2] = (char)('0' + (value.Hour % 10));
        buffer[3] = ':';
        buffer[4] = (char)('0' + (value.Minute / 10));
        buffer[5] = (char)('0' + (value.Minute % 10));
        _writer.Write(buffer);
        return this;
    }

    private void WriteDate(DateOnly value)
    {
        Span<char> buffer = stackalloc char[12];
        var n = 0;
        n += Digits(buffer[n..], value.Day);
        buffer[n++] = '.';
        n += Digits(buffer[n..], value.Month);
        buffer[n++] = '.';
        value.Year.TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..(n + written)]);
    }

    private static int Digits(Span<char> span, int value)
    {
        if (value < 10)
        {
            span[0] = (char)('0' + value);
            return 1;
        }

        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
        return 2;
    }

    /// <summary>A boolean in one of the spellings data-model.md allows.</summary>
    public FinnishCsvWriter Flag(bool value, BooleanStyle style)
    {
        Separator();
        _writer.Write(style switch
        {
            BooleanStyle.Finnish => value ? "kyllä" : "ei",
            BooleanStyle.English => value ? "true" : "false",
            _ => value ? "1" : "0",
        });
        return this;
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        _writer.Write("\r\n");
        _rowStarted = false;
        Rows++;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>How a boolean column is spelled (each allowed by data-model.md).</summary>
public enum BooleanStyle
{
    /// <summary><c>1</c> / <c>0</c>.</summary>
    Digit,

    /// <summary><c>kyllä</c> / <c>ei</c>.</summary>
    Finnish,

    /// <summary><c>true</c> / <c>false</c>.</summary>
    English,
}
