using System.IO.Compression;
using System.Text;

namespace Allianssi.Import.Tests.Hostile;

/// <summary>
/// Hostile and valid XLSX/CSV files made in the test: a minimal workbook is a ZIP of five XML parts, so each attack is
/// one part changed.
/// </summary>
internal static class HostileFiles
{
    public const string Workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="visits" sheetId="1" r:id="rId1"/></sheets></workbook>
        """;

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """;

    private const string PackageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>
        """;

    public const string SheetStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";

    /// <summary>A workbook of the given sheet XML, and optionally shared strings and styles.</summary>
    public static byte[] Xlsx(string sheet, string? sharedStrings = null, string? styles = null, string workbook = Workbook) =>
        Xlsx(new Dictionary<string, Action<Stream>>
        {
            ["xl/worksheets/sheet1.xml"] = s => Write(s, sheet),
            ["xl/sharedStrings.xml"] = sharedStrings is null ? null! : s => Write(s, sharedStrings),
            ["xl/styles.xml"] = styles is null ? null! : s => Write(s, styles),
        }, workbook);

    /// <summary>A workbook whose parts are written by the given writers (a null writer leaves the part out).</summary>
    public static byte[] Xlsx(IReadOnlyDictionary<string, Action<Stream>> parts, string workbook = Workbook, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, Action<Stream> write)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                write(entry);
            }

            Add("[Content_Types].xml", s => Write(s, ContentTypes));
            Add("_rels/.rels", s => Write(s, PackageRels));
            Add("xl/workbook.xml", s => Write(s, workbook));
            Add("xl/_rels/workbook.xml.rels", s => Write(s, WorkbookRels));
            foreach (var (name, write) in parts)
            {
                if (write is not null)
                {
                    Add(name, write);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A sheet of inline-string rows (row 1 the header).</summary>
    public static string Sheet(params string[][] rows)
    {
        var xml = new StringBuilder(SheetStart).Append("<sheetData>");
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(rows[r][c])}</t></is></c>");
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    public static void Write(Stream stream, string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        stream.Write(bytes);
    }

    /// <summary>
    /// Sets an entry's declared uncompressed size, in both its local header and the central directory, as a hostile
    /// archive would: the data stays as it is.
    /// </summary>
    public static void DeclareUncompressedSize(byte[] zip, string entryName, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var local = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
            var central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            if (!local && !central)
            {
                continue;
            }

            var nameAt = local ? i + 30 : i + 46;
            var nameLength = BitConverter.ToUInt16(zip, local ? i + 26 : i + 28);
            if (nameLength != name.Length || nameAt + nameLength > zip.Length || !zip.AsSpan(nameAt, nameLength).SequenceEqual(name))
            {
                continue;
            }

            BitConverter.TryWriteBytes(zip.AsSpan(local ? i + 22 : i + 24, 4), size);
            patched++;
        }

        Assert.Equal(2, patched);
    }
}
