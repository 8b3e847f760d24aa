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
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 20];
        var chars = new char[(1 << 20) + 4];
        long length = 0;
        var validUtf8 = true;
        var head = new byte[4];
        var headLength = 0;
        int read;
        while ((read = content.Read(bytes, 0, bytes.Length)) > 0)
        {
            sha.AppendData(bytes, 0, read);
            for (var i = 0; headLength < head.Length && i < read; i++)
            {
                head[headLength++] = bytes[i];
            }

            if (validUtf8)
            {
                try
                {
                    decoder.Convert(bytes, 0, read, chars, 0, chars.Length, flush: false, out _, out _, out _);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }

            length += read;
            bytesRead?.Report(length);
        }

        if (validUtf8)
        {
            try
            {
                decoder.Convert([], 0, 0, chars, 0, chars.Length, flush: true, out _, out _, out _);
            }
            catch (DecoderFallbackException)
            {
                validUtf8 = false;
            }
        }

        var isZip = headLength == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        var encoding = validUtf8 ? new UTF8Encoding(head.AsSpan(0, headLength).StartsWith(Utf8Bom)) : Windows1252;
        return new FileInspection(Convert.ToHexStringLower(sha.GetHashAndReset()), length, isZip ? FileFormat.Xlsx : FileFormat.Csv, encoding);
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
