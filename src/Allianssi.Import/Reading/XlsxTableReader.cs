using System.Globalization;
using System.Text;
using System.Xml;
using Allianssi.Import.Diagnostics;

namespace Allianssi.Import.Reading;

/// <summary>
/// Reads the first worksheet of an XLSX workbook as a stream of rows; its first row is the header. Cells are turned
/// into the same text the CSV route sees: dates as ISO 8601, numbers in invariant culture, booleans as true/false.
/// </summary>
/// <remarks>
/// The sheet is read forward with an <see cref="XmlReader"/>, one row in memory at a time, so a sheet's size costs
/// time, not memory. What must be held (the shared strings, the date styles) is read first and bounded by
/// <see cref="ReaderLimits"/>; the archive (<see cref="XlsxArchive"/>) bounds every part's decompressed bytes. A cell
/// reference beyond the column or row limit refuses the file where it is met, without materialising the empty cells
/// before it (a workbook with one cell at <c>XFD1048576</c> is 1.6 kB). Rows the sheet skips are read as blank rows,
/// so row numbers stay the sheet's.
/// </remarks>
internal sealed class XlsxTableReader : ITableReader
{
    private const string RelationshipNamespaceSuffix = "/relationships";

    private readonly XlsxArchive _archive;
    private readonly XmlReader _sheet;
    private readonly ReaderLimits _limits;
    private readonly string[] _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly string?[] _cells;
    private string[] _fields = [];
    private PendingRow? _pending;
    private int _nextSheetRow = 2;
    private int _lastSheetRow;
    private long _cellCount;
    private bool _sheetDone;

    private XlsxTableReader(XlsxArchive archive, XmlReader sheet, ReaderLimits limits, string[] sharedStrings, bool[] dateStyles, bool date1904)
    {
        _archive = archive;
        _sheet = sheet;
        _limits = limits;
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
        _date1904 = date1904;
        _cells = new string?[limits.MaxColumns];
        Header = [];
    }

    public IReadOnlyList<string> Header { get; private set; }

    public int FieldCount => _fields.Length;

    /// <summary>
    /// Opens the workbook in <paramref name="content"/>: checks the archive, reads the workbook, its styles and shared
    /// strings (each bounded), then the sheet up to its first row (the header). Throws
    /// <see cref="FileRefusedException"/> for a file past a limit.
    /// </summary>
    public static XlsxTableReader Open(Stream content, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        var archive = XlsxArchive.Open(content, limits);
        XmlReader? sheet = null;
        try
        {
            var workbookPart = Relationships(archive, "_rels/.rels", string.Empty).FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
                ?? "xl/workbook.xml";
            var (sheetId, date1904) = ReadWorkbook(archive, workbookPart);
            var workbookRels = Relationships(archive, RelsOf(workbookPart), Folder(workbookPart));
            var sheetPart = workbookRels.FirstOrDefault(r => r.Id == sheetId).Target
                ?? throw new FileRefusedException(DiagnosticCodes.Unreadable, 0, null, "The workbook has no worksheet.");
            var stylesPart = workbookRels.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target;
            var stringsPart = workbookRels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
            var dateStyles = stylesPart is not null && archive.Has(stylesPart) ? ReadDateStyles(archive, stylesPart, limits) : [];
            var sharedStrings = stringsPart is not null && archive.Has(stringsPart) ? ReadSharedStrings(archive, stringsPart, limits) : [];
            sheet = archive.OpenXml(sheetPart);
            var reader = new XlsxTableReader(archive, sheet, limits, sharedStrings, dateStyles, date1904);
            reader.ReadHeader();
            return reader;
        }
        catch (Exception e) when (IsFileFault(e))
        {
            sheet?.Dispose();
            archive.Dispose();
            throw Translate(e, 0);
        }
        catch
        {
            sheet?.Dispose();
            archive.Dispose();
            throw;
        }
    }

    public bool Read()
    {
        if (_pending is null && !_sheetDone)
        {
            try
            {
                _pending = ReadSheetRow();
            }
            catch (Exception e) when (IsFileFault(e))
            {
                throw Translate(e, _nextSheetRow);
            }
        }

        if (_pending is null)
        {
            _fields = [];
            return false;
        }

        if (_pending.SheetRow > _nextSheetRow)
        {
            // A row the sheet skips: blank, so the next row keeps its number.
            _fields = [];
        }
        else
        {
            _fields = _pending.Fields;
            _pending = null;
        }

        _nextSheetRow++;
        return true;
    }

    public string GetField(int index) => index < _fields.Length ? _fields[index] : string.Empty;

    public ReadOnlySpan<char> GetFieldSpan(int index) => GetField(index);

    public bool IsBlank(int index) => string.IsNullOrWhiteSpace(GetField(index));

    public void Dispose()
    {
        _sheet.Dispose();
        _archive.Dispose();
    }

    private void ReadHeader()
    {
        if (!MoveToSheetData())
        {
            return;
        }

        _pending = ReadSheetRow();
        if (_pending is { SheetRow: 1 })
        {
            var header = _pending.Fields.ToList();
            while (header.Count > 0 && header[^1].Length == 0)
            {
                header.RemoveAt(header.Count - 1);
            }

            Header = header;
            _pending = null;
        }
    }

    /// <summary>Skips to the sheet's rows, refusing a declared <c>dimension</c> past the limits before any row is read.</summary>
    private bool MoveToSheetData()
    {
        while (_sheet.Read())
        {
            if (_sheet.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (_sheet.LocalName == "dimension" && _sheet.GetAttribute("ref") is { } range)
            {
                var last = range[(range.IndexOf(':', StringComparison.Ordinal) + 1)..];
                var (column, row) = ParseReference(last);
                CheckPosition(row, column, last);
            }
            else if (_sheet.LocalName == "sheetData")
            {
                if (_sheet.IsEmptyElement)
                {
                    _sheetDone = true;
                    return false;
                }

                return true;
            }
        }

        _sheetDone = true;
        return false;
    }

    /// <summary>The next <c>row</c> element of <c>sheetData</c>, or null at its end.</summary>
    private PendingRow? ReadSheetRow()
    {
        while (_sheet.Read())
        {
            if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.LocalName == "sheetData")
            {
                _sheetDone = true;
                return null;
            }

            if (_sheet.NodeType != XmlNodeType.Element || _sheet.LocalName != "row")
            {
                continue;
            }

            var sheetRow = _sheet.GetAttribute("r") is { } r ? ParseInt(r) : _lastSheetRow + 1;
            if (sheetRow <= _lastSheetRow)
            {
                throw new FileRefusedException(DiagnosticCodes.Unreadable, Math.Max(0, _lastSheetRow - 1), null, "The sheet's rows are not in ascending order.");
            }

            CheckPosition(sheetRow, 1, null);
            _lastSheetRow = sheetRow;
            if (_sheet.IsEmptyElement)
            {
                return new PendingRow(sheetRow, []);
            }

            var lastColumn = 0;
            var previousColumn = 0;
            while (_sheet.Read() && !(_sheet.NodeType == XmlNodeType.EndElement && _sheet.LocalName == "row"))
            {
                if (_sheet.NodeType != XmlNodeType.Element || _sheet.LocalName != "c")
                {
                    continue;
                }

                var reference = _sheet.GetAttribute("r");
                var column = reference is null ? previousColumn + 1 : ParseReference(reference).Column;
                CheckPosition(sheetRow, column, reference);
                if (++_cellCount > _limits.MaxCells)
                {
                    throw new FileRefusedException(DiagnosticCodes.TooManyCells, DataRow(sheetRow), null, $"The sheet has more than {_limits.MaxCells:N0} cells.");
                }

                previousColumn = column;
                var text = ReadCell(sheetRow);
                if (text.Length > 0)
                {
                    _cells[column - 1] = text;
                    lastColumn = Math.Max(lastColumn, column);
                }
            }

            var fields = new string[lastColumn];
            for (var c = 0; c < lastColumn; c++)
            {
                fields[c] = _cells[c] ?? string.Empty;
                _cells[c] = null;
            }

            return new PendingRow(sheetRow, fields);
        }

        _sheetDone = true;
        return null;
    }

    private void CheckPosition(int sheetRow, int column, string? reference)
    {
        if (column > _limits.MaxColumns)
        {
            throw new FileRefusedException(DiagnosticCodes.TooManyColumns, DataRow(sheetRow), null,
                $"A cell{(reference is null ? string.Empty : $" ({ColumnLetters(reference)})")} is beyond column {_limits.MaxColumns:N0}, the limit.");
        }

        if (sheetRow > _limits.MaxRows)
        {
            throw new FileRefusedException(DiagnosticCodes.TooManyRows, 0, null, $"The sheet has a row beyond row {_limits.MaxRows:N0}, the limit.");
        }
    }

    private static int DataRow(int sheetRow) => Math.Max(0, sheetRow - 1);

    /// <summary>The current <c>c</c> element's value as text; the reader ends on its end tag.</summary>
    private string ReadCell(int sheetRow)
    {
        var type = _sheet.GetAttribute("t");
        var style = _sheet.GetAttribute("s") is { } s ? ParseInt(s) : 0;
        if (_sheet.IsEmptyElement)
        {
            return string.Empty;
        }

        string? value = null;
        var depth = _sheet.Depth;
        while (_sheet.Read() && _sheet.Depth > depth)
        {
            if (_sheet.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            // A formula (f) is passed over: its cached value (v) is what Excel shows.
            if (_sheet.LocalName == "v")
            {
                value = ReadText(_sheet, _limits.MaxCellChars, sheetRow);
            }
            else if (_sheet.LocalName == "is")
            {
                value = ReadRichText(_sheet, _limits.MaxCellChars, sheetRow);
            }
        }

        return value is null ? string.Empty : CellText(type, style, value);
    }

    private string CellText(string? type, int style, string value)
    {
        switch (type)
        {
            case "s":
                var index = ParseInt(value);
                return (uint)index < (uint)_sharedStrings.Length ? _sharedStrings[index]
                    : throw new FileRefusedException(DiagnosticCodes.Unreadable, DataRow(_lastSheetRow), null, "A cell names a shared string the workbook does not have.");
            case "b":
                return value.Trim() == "1" ? "true" : "false";
            case "str" or "inlineStr" or "e":
                return value;
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var stamp) ? DateText(stamp) : value;
            default:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return value;
                }

                if ((uint)style < (uint)_dateStyles.Length && _dateStyles[style])
                {
                    try
                    {
                        return DateText(DateTime.FromOADate(_date1904 ? number + 1462 : number));
                    }
                    catch (ArgumentException)
                    {
                        // Not a date Excel could show either: keep the number.
                    }
                }

                return number.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private static string DateText(DateTime stamp) => stamp.TimeOfDay == TimeSpan.Zero
        ? stamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : stamp.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The text of the current element (a <c>v</c> or <c>t</c>), read in chunks so that its length is checked before it is held.</summary>
    private static string ReadText(XmlReader reader, int maxChars, int sheetRow)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        var chunk = new char[4096];
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    if (text.Length + n > maxChars)
                    {
                        throw new FileRefusedException(DiagnosticCodes.RecordTooLong, DataRow(sheetRow), null, $"A cell's text is longer than {maxChars:N0} characters, the limit.");
                    }

                    text.Append(chunk, 0, n);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>An <c>is</c> or <c>si</c> element's text: its <c>t</c>, or its runs' <c>t</c>s; phonetic runs left out.</summary>
    private static string ReadRichText(XmlReader reader, int maxChars, int sheetRow)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? single = null;
        StringBuilder? runs = null;
        var phonetic = false;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.LocalName == "rPh")
            {
                phonetic = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "t" && !phonetic)
            {
                var part = ReadText(reader, maxChars, sheetRow);
                if (single is null && runs is null)
                {
                    single = part;
                }
                else
                {
                    runs ??= new StringBuilder(single);
                    if (runs.Length + part.Length > maxChars)
                    {
                        throw new FileRefusedException(DiagnosticCodes.RecordTooLong, DataRow(sheetRow), null, $"A cell's text is longer than {maxChars:N0} characters, the limit.");
                    }

                    runs.Append(part);
                }
            }
        }

        return runs?.ToString() ?? single ?? string.Empty;
    }

    /// <summary>The shared strings, refused by their declared count before any is read, and by count and characters while reading.</summary>
    private static string[] ReadSharedStrings(XlsxArchive archive, string part, ReaderLimits limits)
    {
        using var reader = archive.OpenXml(part);
        var strings = new List<string>();
        long chars = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "sst")
            {
                if ((reader.GetAttribute("uniqueCount") ?? reader.GetAttribute("count")) is { } declared
                    && long.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > limits.MaxSharedStrings)
                {
                    throw TooManyStrings(limits);
                }
            }
            else if (reader.LocalName == "si")
            {
                if (strings.Count == limits.MaxSharedStrings)
                {
                    throw TooManyStrings(limits);
                }

                var text = ReadRichText(reader, limits.MaxCellChars, 0);
                chars += text.Length;
                if (chars > limits.MaxSharedStringChars)
                {
                    throw new FileRefusedException(DiagnosticCodes.SharedStringsTooLarge, 0, null,
                        $"The shared strings hold more than {limits.MaxSharedStringChars:N0} characters, the limit.");
                }

                strings.Add(text);
            }
        }

        return [.. strings];
    }

    private static FileRefusedException TooManyStrings(ReaderLimits limits) =>
        new(DiagnosticCodes.SharedStringsTooLarge, 0, null, $"The workbook has more than {limits.MaxSharedStrings:N0} shared strings, the limit.");

    /// <summary>For each cell style (<c>cellXfs</c>), whether its number format shows a date or time.</summary>
    private static bool[] ReadDateStyles(XlsxArchive archive, string part, ReaderLimits limits)
    {
        using var reader = archive.OpenXml(part);
        var customDates = new HashSet<int>();
        var styles = new List<int>();
        var formats = 0;
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt":
                    if (++formats > limits.MaxStyles)
                    {
                        throw TooManyStyles(limits);
                    }

                    if (reader.GetAttribute("numFmtId") is { } id && IsDateFormat(reader.GetAttribute("formatCode") ?? string.Empty))
                    {
                        customDates.Add(ParseInt(id));
                    }

                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    if (styles.Count == limits.MaxStyles)
                    {
                        throw TooManyStyles(limits);
                    }

                    styles.Add(reader.GetAttribute("numFmtId") is { } format ? ParseInt(format) : 0);
                    break;
                default:
                    break;
            }
        }

        return [.. styles.Select(f => IsBuiltInDate(f) || customDates.Contains(f))];
    }

    private static FileRefusedException TooManyStyles(ReaderLimits limits) =>
        new(DiagnosticCodes.ArchiveTooLarge, 0, null, $"The workbook has more than {limits.MaxStyles:N0} cell styles or number formats, the limit.");

    /// <summary>Excel's built-in date and time formats (ECMA-376 18.8.30, with the East Asian ones).</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>Whether a custom number format shows a date or time: a d, m, y, h or s outside quotes, escapes and colour or condition brackets.</summary>
    internal static bool IsDateFormat(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inside = end < 0 ? code[(i + 1)..] : code[(i + 1)..end];
                    if (inside.Length > 0 && inside.All(c => c is 'h' or 'H' or 'm' or 'M' or 's' or 'S'))
                    {
                        return true;
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>The first sheet's relationship id and whether the workbook counts dates from 1904.</summary>
    private static (string? SheetId, bool Date1904) ReadWorkbook(XlsxArchive archive, string part)
    {
        using var reader = archive.OpenXml(part);
        var date1904 = false;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "workbookPr" && reader.GetAttribute("date1904") is { } d)
            {
                date1904 = d is "1" or "true";
            }
            else if (reader.LocalName == "sheet")
            {
                string? id = null;
                for (var i = 0; i < reader.AttributeCount; i++)
                {
                    reader.MoveToAttribute(i);
                    if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith(RelationshipNamespaceSuffix, StringComparison.Ordinal))
                    {
                        id = reader.Value;
                    }
                }

                return (id, date1904);
            }
        }

        return (null, date1904);
    }

    private static List<Relationship> Relationships(XlsxArchive archive, string part, string folder)
    {
        var relationships = new List<Relationship>();
        if (!archive.Has(part))
        {
            return relationships;
        }

        using var reader = archive.OpenXml(part);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") is null or "Internal"
                && reader.GetAttribute("Target") is { } target)
            {
                if (relationships.Count == MaxRelationships)
                {
                    throw new FileRefusedException(DiagnosticCodes.ArchiveTooLarge, 0, null, "The workbook has too many relationships.");
                }

                relationships.Add(new Relationship(reader.GetAttribute("Id") ?? string.Empty, reader.GetAttribute("Type") ?? string.Empty, Resolve(folder, target)));
            }
        }

        return relationships;
    }

    /// <summary>Relationships kept per part; a workbook has one per sheet and a few more.</summary>
    private const int MaxRelationships = 10_000;

    private static string RelsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return slash < 0 ? $"_rels/{part}.rels" : $"{part[..(slash + 1)]}_rels/{part[(slash + 1)..]}.rels";
    }

    private static string Folder(string part)
    {
        var slash = part.LastIndexOf('/');
        return slash < 0 ? string.Empty : part[..(slash + 1)];
    }

    /// <summary>A relationship's target as a part name: absolute (leading slash) or relative to the source's folder, with <c>..</c> resolved.</summary>
    private static string Resolve(string folder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment.Length > 0 && segment != ".")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>A cell reference's column (A = 1) and row; letters past three or numbers past the int range are clamped high, so the limits refuse them.</summary>
    private static (int Column, int Row) ParseReference(string reference)
    {
        long column = 0, row = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                column = Math.Min(int.MaxValue, (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1));
            }
            else if (c is >= '0' and <= '9')
            {
                row = Math.Min(int.MaxValue, (row * 10) + (c - '0'));
            }
            else if (c != '$')
            {
                throw new FileRefusedException(DiagnosticCodes.Unreadable, 0, null, "A cell reference is malformed.");
            }
        }

        return ((int)column, (int)row);
    }

    private static string ColumnLetters(string reference) => new([.. reference.Where(char.IsAsciiLetter)]);

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : text.Length > 0 && text.All(char.IsAsciiDigit) ? int.MaxValue
        : throw new FileRefusedException(DiagnosticCodes.Unreadable, 0, null, "A number in the workbook's structure is malformed.");

    /// <summary>Whether an exception is the file's fault (a corrupt archive or malformed XML), not the system's.</summary>
    private static bool IsFileFault(Exception e) => e is XmlException or InvalidDataException or DecoderFallbackException;

    /// <summary>A file fault as the file's diagnostic; a DTD is refused by name.</summary>
    private static FileRefusedException Translate(Exception e, int sheetRow) =>
        e is XmlException x && x.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? new FileRefusedException(DiagnosticCodes.XmlDeclarations, 0, null, "A workbook part has a document type declaration (DTD); XLSX files have none, so it is refused unread.")
            : new FileRefusedException(DiagnosticCodes.Unreadable, DataRow(sheetRow), null, $"The workbook is corrupt ({e.GetType().Name}).");

    private sealed record PendingRow(int SheetRow, string[] Fields);

    private readonly record struct Relationship(string Id, string Type, string? Target);
}
