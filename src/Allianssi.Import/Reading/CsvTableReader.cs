using System.Globalization;
using System.Text;
using Allianssi.Import.Diagnostics;
using Sylvan.Data.Csv;

namespace Allianssi.Import.Reading;

/// <summary>Streams a delimited text file; the delimiter is detected from the header line.</summary>
/// <remarks>
/// Untrusted input is bounded by <see cref="ReaderLimits"/>: the header line is measured and its columns counted
/// before the parser sees it; a record longer than <see cref="ReaderLimits.MaxRecordChars"/> (an unclosed quote runs on
/// to one) stops the parser's buffer from growing further; each row's columns are counted as it is read. Every refusal
/// is a <see cref="FileRefusedException"/> with the row (and column) where it was met, never a parser exception.
/// </remarks>
internal sealed class CsvTableReader : ITableReader
{
    private readonly CsvDataReader _reader;
    private readonly ReaderLimits _limits;
    private int _row;

    private CsvTableReader(CsvDataReader reader, char delimiter, ReaderLimits limits)
    {
        _reader = reader;
        _limits = limits;
        Delimiter = delimiter;
        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = reader.GetName(i);
        }

        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public char Delimiter { get; }

    public int FieldCount => _reader.RowFieldCount;

    /// <summary>
    /// Opens <paramref name="content"/> (positioned at its start) as CSV in the inspection's encoding; refuses a file with NUL
    /// bytes or mixed encodings, a header line past the record limit or with more columns than the limit.
    /// </summary>
    public static CsvTableReader Open(Stream content, FileInspection inspection, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        limits ??= ReaderLimits.Default;
        if (inspection.FirstNulLine is { } nul)
        {
            throw new FileRefusedException(DiagnosticCodes.BinaryData, 0, null,
                $"The file has NUL bytes (first on line {nul:N0}): binary data or UTF-16 text, not a CSV in UTF-8 or Windows-1252.");
        }

        if (inspection.MixedEncodingLine is { } mixed)
        {
            throw new FileRefusedException(DiagnosticCodes.MixedEncoding, 0, null,
                $"The file mixes UTF-8 with another encoding (the first byte that is not UTF-8 is on line {mixed:N0}); save it in one encoding.");
        }

        return Open(content, inspection.Encoding, limits);
    }

    private static CsvTableReader Open(Stream content, Encoding encoding, ReaderLimits limits)
    {
        // Skip a UTF-8 byte order mark here rather than trusting StreamReader, which would decode it
        // into the first header name after the delimiter probe rewinds.
        var start = content.Position;
        Span<byte> bom = stackalloc byte[3];
        var read = content.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        content.Position = read == 3 && bom is [0xEF, 0xBB, 0xBF] ? start + 3 : start;
        if (encoding is UTF8Encoding)
        {
            encoding = new UTF8Encoding(false);
        }

        var text = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var delimiter = DetectDelimiter(text, limits);
        var options = new CsvDataReaderOptions
        {
            Delimiter = delimiter,
            HasHeaders = true,
            OwnsReader = true,
            BufferSize = Math.Min(1 << 16, limits.MaxRecordChars),
            MaxBufferSize = limits.MaxRecordChars,
            HeaderComparer = StringComparer.OrdinalIgnoreCase,
        };
        try
        {
            return new CsvTableReader(CsvDataReader.Create(new ColumnGuard(text, delimiter, limits.MaxColumns), options), delimiter, limits);
        }
        catch (CsvFormatException e)
        {
            text.Dispose();
            throw Translate(e, limits);
        }
        catch (FileRefusedException)
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The candidate (<c>;</c>, tab, <c>,</c>) that occurs most often outside quotes in the first
    /// line; ties go in that order, which is also the Finnish preference. The line is measured and its
    /// columns counted first, so a hostile header is refused before the parser reads it.
    /// </summary>
    private static char DetectDelimiter(StreamReader text, ReaderLimits limits)
    {
        var buffer = new char[limits.MaxRecordChars + 1];
        var read = ReadPrefix(text, buffer);
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        var ended = read < buffer.Length;
        for (var i = 0; i < read; i++)
        {
            var c = buffer[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                ended = true;
                break;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                    case ',': commas++; break;
                    default: break;
                }
            }
        }

        var delimiter = semicolons >= tabs && semicolons >= commas && semicolons > 0 ? ';'
            : tabs >= commas && tabs > 0 ? '\t'
            : commas > 0 ? ',' : ';';
        var columns = 1 + (delimiter switch { ';' => semicolons, '\t' => tabs, _ => commas });
        if (columns > limits.MaxColumns)
        {
            throw new FileRefusedException(DiagnosticCodes.TooManyColumns, 0, null, $"The header has {(ended ? string.Empty : "more than ")}{columns:N0} columns; the limit is {limits.MaxColumns:N0}.");
        }

        if (!ended)
        {
            throw new FileRefusedException(DiagnosticCodes.RecordTooLong, 0, null,
                $"The header line is longer than {limits.MaxRecordChars:N0} characters, the limit (or a quote in it never closes).");
        }

        return delimiter;
    }

    // StreamReader cannot peek more than one char, so read the prefix and rewind the stream.
    private static int ReadPrefix(StreamReader text, char[] buffer)
    {
        var stream = text.BaseStream;
        var start = stream.Position;
        var total = 0;
        int n;
        while (total < buffer.Length && (n = text.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
            if (Array.IndexOf(buffer, '\n', total - n, n) >= 0)
            {
                break;
            }
        }

        stream.Position = start;
        text.DiscardBufferedData();
        return total;
    }

    public bool Read()
    {
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw Translate(e, _limits);
        }

        if (read)
        {
            // ColumnGuard refuses a wide row before the parser sees it; this catches any the two count differently.
            _row++;
            if (_reader.RowFieldCount > _limits.MaxColumns)
            {
                throw new FileRefusedException(DiagnosticCodes.TooManyColumns, _row, null, $"The row has {_reader.RowFieldCount:N0} fields; the limit is {_limits.MaxColumns:N0}.");
            }
        }

        return read;
    }

    /// <summary>
    /// The parser's refusal as the file's: the row it names (0 for the header) and the column by its position (a header
    /// name is the file's text, and a hostile one could hold anything).
    /// </summary>
    private static FileRefusedException Translate(CsvFormatException e, ReaderLimits limits)
    {
        var row = Math.Max(0, e.RowNumber);
        var column = e.FieldOrdinal >= 0 ? string.Create(CultureInfo.InvariantCulture, $"(column {e.FieldOrdinal + 1})") : null;
        return e is CsvRecordTooLargeException
            ? new FileRefusedException(DiagnosticCodes.RecordTooLong, row, column,
                $"A record is longer than {limits.MaxRecordChars:N0} characters, the limit (or a quote in it never closes).")
            : new FileRefusedException(DiagnosticCodes.BadQuote, row, column, "A quoted field never closes, or has characters after its closing quote.");
    }

    public string GetField(int index) => index < _reader.RowFieldCount ? _reader.GetString(index) : string.Empty;

    public ReadOnlySpan<char> GetFieldSpan(int index) => index < _reader.RowFieldCount ? _reader.GetFieldSpan(index) : [];

    public bool IsBlank(int index) => index >= _reader.RowFieldCount || _reader.GetFieldSpan(index).IsWhiteSpace();

    public void Dispose() => _reader.Dispose();
}
