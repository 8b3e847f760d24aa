using System.Text;
using Sylvan.Data.Csv;

namespace Allianssi.Import.Reading;

/// <summary>Streams a delimited text file; the delimiter is detected from the header line.</summary>
internal sealed class CsvTableReader : ITableReader
{
    private readonly CsvDataReader _reader;

    private CsvTableReader(CsvDataReader reader, char delimiter)
    {
        _reader = reader;
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

    /// <summary>Opens <paramref name="content"/> (positioned at its start) as CSV in <paramref name="encoding"/>.</summary>
    public static CsvTableReader Open(Stream content, Encoding encoding)
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
        var delimiter = DetectDelimiter(text);
        var options = new CsvDataReaderOptions
        {
            Delimiter = delimiter,
            HasHeaders = true,
            OwnsReader = true,
            BufferSize = 1 << 16,
            MaxBufferSize = 1 << 24,
            HeaderComparer = StringComparer.OrdinalIgnoreCase,
        };
        return new CsvTableReader(CsvDataReader.Create(text, options), delimiter);
    }

    /// <summary>
    /// The candidate (<c>;</c>, tab, <c>,</c>) that occurs most often outside quotes in the first
    /// line; ties go in that order, which is also the Finnish preference.
    /// </summary>
    private static char DetectDelimiter(StreamReader text)
    {
        var buffer = new char[1 << 16];
        var read = ReadPrefix(text, buffer);
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        for (var i = 0; i < read; i++)
        {
            var c = buffer[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
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

        return semicolons >= tabs && semicolons >= commas && semicolons > 0 ? ';'
            : tabs >= commas && tabs > 0 ? '\t'
            : commas > 0 ? ',' : ';';
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
            if (Array.IndexOf(buffer, '\n', 0, total) >= 0)
            {
                break;
            }
        }

        stream.Position = start;
        text.DiscardBufferedData();
        return total;
    }

    public bool Read() => _reader.Read();

    public string GetField(int index) => index < _reader.RowFieldCount ? _reader.GetString(index) : string.Empty;

    public ReadOnlySpan<char> GetFieldSpan(int index) => index < _reader.RowFieldCount ? _reader.GetFieldSpan(index) : [];

    public bool IsBlank(int index) => index >= _reader.RowFieldCount || _reader.GetFieldSpan(index).IsWhiteSpace();

    public void Dispose() => _reader.Dispose();
}
