using System.Globalization;
using ClosedXML.Excel;

namespace Allianssi.Import.Reading;

/// <summary>
/// Reads the first worksheet of an XLSX workbook; its first row is the header. Cells are turned
/// into the same text the CSV route sees: dates as ISO 8601, numbers in invariant culture.
/// </summary>
/// <remarks>
/// ClosedXML loads the workbook into memory (it has no streaming reader), so an XLSX extract's
/// size is bounded by memory; Excel's own limit of 1,048,576 rows keeps that modest.
/// </remarks>
internal sealed class XlsxTableReader : ITableReader
{
    private readonly XLWorkbook _workbook;
    private readonly IXLWorksheet _sheet;
    private readonly int _lastRow;
    private readonly int _lastColumn;
    private int _row = 1;
    private string[] _fields = [];

    private XlsxTableReader(XLWorkbook workbook)
    {
        _workbook = workbook;
        _sheet = workbook.Worksheets.First();
        _lastRow = _sheet.LastRowUsed()?.RowNumber() ?? 0;
        _lastColumn = _sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        var header = new List<string>();
        if (_lastRow >= 1)
        {
            for (var c = 1; c <= _lastColumn; c++)
            {
                header.Add(CellText(_sheet.Cell(1, c)));
            }

            while (header.Count > 0 && header[^1].Length == 0)
            {
                header.RemoveAt(header.Count - 1);
            }
        }

        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public int FieldCount => _fields.Length;

    public static XlsxTableReader Open(Stream content) => new(new XLWorkbook(content));

    public bool Read()
    {
        if (_row >= _lastRow)
        {
            return false;
        }

        _row++;
        var row = _sheet.Row(_row);
        var fields = new string[_lastColumn];
        for (var c = 1; c <= _lastColumn; c++)
        {
            fields[c - 1] = CellText(row.Cell(c));
        }

        _fields = fields;
        return true;
    }

    public string GetField(int index) => index < _fields.Length ? _fields[index] : string.Empty;

    public ReadOnlySpan<char> GetFieldSpan(int index) => GetField(index);

    public bool IsBlank(int index) => string.IsNullOrWhiteSpace(GetField(index));

    private static string CellText(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime when cell.GetDateTime().TimeOfDay == TimeSpan.Zero => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        XLDataType.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
        _ => cell.GetString(),
    };

    public void Dispose() => _workbook.Dispose();
}
