using System.IO.Compression;
using System.Xml;
using Allianssi.Import.Diagnostics;

namespace Allianssi.Import.Reading;

/// <summary>
/// The ZIP container of an XLSX workbook, opened so that it cannot cost more than <see cref="ReaderLimits"/> allow:
/// every entry's declared size and compression ratio are checked before any part is read, and every part is read
/// through a stream that counts the bytes it really decompresses (a header can lie; the count cannot).
/// </summary>
internal sealed class XlsxArchive : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _parts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ReaderLimits _limits;
    private long _totalRead;

    private XlsxArchive(ZipArchive zip, ReaderLimits limits)
    {
        _zip = zip;
        _limits = limits;
    }

    /// <summary>Reads the archive's directory and checks each entry's declared sizes; reads no part.</summary>
    public static XlsxArchive Open(Stream content, ReaderLimits limits)
    {
        var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var archive = new XlsxArchive(zip, limits);
        try
        {
            archive.CheckDirectory();
            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private void CheckDirectory()
    {
        if (_zip.Entries.Count > _limits.MaxParts)
        {
            throw Refused($"The workbook has {_zip.Entries.Count:N0} parts; the limit is {_limits.MaxParts:N0}.");
        }

        long total = 0;
        foreach (var entry in _zip.Entries)
        {
            if (entry.Length > _limits.MaxPartBytes)
            {
                throw Refused($"A workbook part declares {entry.Length:N0} bytes uncompressed; the limit is {_limits.MaxPartBytes:N0}.");
            }

            if (entry.Length > _limits.RatioCheckedAboveBytes && entry.Length > entry.CompressedLength * (long)_limits.MaxCompressionRatio)
            {
                throw Refused($"A workbook part is compressed {entry.Length / Math.Max(1, entry.CompressedLength):N0}:1; the limit is {_limits.MaxCompressionRatio:N0}:1.");
            }

            total += entry.Length;
            _parts.TryAdd(entry.FullName.TrimStart('/'), entry);
        }

        if (total > _limits.MaxTotalBytes)
        {
            throw Refused($"The workbook's parts declare {total:N0} bytes uncompressed; the limit is {_limits.MaxTotalBytes:N0}.");
        }
    }

    /// <summary>Whether the archive has the part (a name without a leading slash; case-insensitive, as OPC names are).</summary>
    public bool Has(string name) => _parts.ContainsKey(name);

    /// <summary>An XML reader over the part that refuses document type declarations and counts the part's bytes.</summary>
    public XmlReader OpenXml(string name)
    {
        if (!_parts.TryGetValue(name, out var entry))
        {
            throw new FileRefusedException(DiagnosticCodes.Unreadable, 0, null, "The workbook lacks a part it names.");
        }

        var stream = new CountingStream(entry.Open(), this, entry.Length, entry.CompressedLength);
        return XmlReader.Create(stream, Settings);
    }

    /// <summary>
    /// No DTD at all (so no entity can expand: the billion-laughs attack is refused, not processed), no resolver (no
    /// external file or URL is ever fetched), comments and processing instructions skipped.
    /// </summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static FileRefusedException Refused(string message) => new(DiagnosticCodes.ArchiveTooLarge, 0, null, message);

    private void Count(int bytes, long declared, long compressed, long readInPart)
    {
        _totalRead += bytes;
        if (readInPart > declared)
        {
            throw Refused($"A workbook part decompresses to more than the {declared:N0} bytes its header declares.");
        }

        if (readInPart > _limits.MaxPartBytes || _totalRead > _limits.MaxTotalBytes)
        {
            throw Refused("The workbook decompresses to more bytes than the limits allow.");
        }

        if (readInPart > _limits.RatioCheckedAboveBytes && readInPart > compressed * _limits.MaxCompressionRatio)
        {
            throw Refused($"A workbook part decompresses more than {_limits.MaxCompressionRatio:N0}:1.");
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>Counts what a part really decompresses to, against its header and the limits.</summary>
    private sealed class CountingStream(Stream inner, XlsxArchive archive, long declared, long compressed) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            archive.Count(n, declared, compressed, _read);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
