using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Allianssi.Import.Reading;

/// <summary>
/// What one pass over a file's bytes tells: its SHA-256 (the batch's identity for "same file
/// twice"), its length, whether it is an XLSX (ZIP) container and which text encoding it is in.
/// </summary>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Format">CSV or XLSX, by content (a ZIP signature), not by file name.</param>
/// <param name="Encoding">For CSV: UTF-8 when every byte sequence is valid UTF-8 (with or without BOM), else Windows-1252.</param>
public sealed record FileInspection(string Sha256, long Length, FileFormat Format, Encoding Encoding)
{
    /// <summary>The line (from 1) of the first NUL byte, or null when there is none: no CSV in UTF-8 or Windows-1252 has one.</summary>
    public long? FirstNulLine { get; init; }

    /// <summary>
    /// The line (from 1) of the first byte that is not UTF-8 in a file that also has UTF-8 letters, or null: such a file
    /// is neither encoding, and reading it as either would garble part of it.
    /// </summary>
    /// <remarks>
    /// UTF-8 evidence is a valid multi-byte sequence led by <c>0xC3</c> (ä, ö, å, é...) or of three or four bytes: in
    /// Windows-1252 those read as <c>Ã¤</c> or <c>â€“</c>, which no Finnish text has. Other two-byte sequences
    /// (<c>Ä</c> before a no-break space, say) are plausible Windows-1252 and are not counted.
    /// </remarks>
    public long? MixedEncodingLine { get; init; }

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Windows-1252, Excel's default encoding for Finnish CSV.</summary>
    public static Encoding Windows1252 { get; } = RegisterCodePages();

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>Reads <paramref name="content"/> to its end once (validating UTF-8 on the way); the caller rewinds.</summary>
    public static FileInspection Inspect(Stream content, IProgress<long>? bytesRead = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        const int carryRoom = 4;
        var buffer = new byte[carryRoom + (1 << 20)];
        long length = 0;
        var head = new byte[4];
        var headLength = 0;
        var scan = new EncodingScan();
        var carry = 0;
        int read;
        while ((read = content.Read(buffer, carryRoom, buffer.Length - carryRoom)) > 0)
        {
            var bytes = buffer.AsSpan(carryRoom, read);
            sha.AppendData(bytes);
            for (var i = 0; headLength < head.Length && i < read; i++)
            {
                head[headLength++] = bytes[i];
            }

            // An incomplete sequence at the end of the previous buffer is decoded again in front of this one.
            carry = scan.Scan(buffer.AsSpan(carryRoom - carry, carry + read), carry, final: false);
            buffer.AsSpan(carryRoom + read - carry, carry).CopyTo(buffer.AsSpan(carryRoom - carry));
            length += read;
            bytesRead?.Report(length);
        }

        scan.Scan(buffer.AsSpan(carryRoom - carry, carry), carry, final: true);
        var isZip = headLength == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        var encoding = scan.Invalid == 0 ? new UTF8Encoding(head.AsSpan(0, headLength).StartsWith(Utf8Bom)) : Windows1252;
        return new FileInspection(Convert.ToHexStringLower(sha.GetHashAndReset()), length, isZip ? FileFormat.Xlsx : FileFormat.Csv, encoding)
        {
            FirstNulLine = scan.FirstNulLine,
            MixedEncodingLine = scan.Invalid > 0 && scan.Utf8Letters > 0 ? scan.FirstInvalidLine : null,
        };
    }

    /// <summary>One pass's findings about the bytes: UTF-8 validity, UTF-8 evidence, NUL bytes, and the lines where they first occur.</summary>
    private sealed class EncodingScan
    {
        private static readonly SearchValues<byte> Notable = SearchValues.Create([0, .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

        private long _lines = 1;

        public long Invalid { get; private set; }

        public long Utf8Letters { get; private set; }

        public long? FirstNulLine { get; private set; }

        public long? FirstInvalidLine { get; private set; }

        /// <summary>Scans <paramref name="bytes"/>, whose first <paramref name="carried"/> bytes were carried over (and counted) before; returns how many bytes at the end to carry into the next call.</summary>
        public int Scan(ReadOnlySpan<byte> bytes, int carried, bool final)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                var next = bytes[i..].IndexOfAny(Notable);
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (bytes[i] == 0)
                {
                    FirstNulLine ??= LineAt(bytes, carried, i);
                    i++;
                    continue;
                }

                var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
                if (status == OperationStatus.Done)
                {
                    if (bytes[i] == 0xC3 || consumed > 2)
                    {
                        Utf8Letters++;
                    }
                }
                else if (status == OperationStatus.NeedMoreData && !final)
                {
                    _lines += bytes[carried..i].Count((byte)'\n');
                    return bytes.Length - i;
                }
                else
                {
                    Invalid++;
                    FirstInvalidLine ??= LineAt(bytes, carried, i);
                }

                i += Math.Max(1, consumed);
            }

            _lines += bytes[Math.Min(carried, bytes.Length)..].Count((byte)'\n');
            return 0;
        }

        private long LineAt(ReadOnlySpan<byte> bytes, int carried, int index) =>
            _lines + (index > carried ? bytes[carried..index].Count((byte)'\n') : 0);
    }
}

/// <summary>The container of an extract.</summary>
public enum FileFormat
{
    /// <summary>Delimited text; dialect detected.</summary>
    Csv,

    /// <summary>Office Open XML workbook: first sheet, first row the header.</summary>
    Xlsx,
}
