using System.Globalization;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Store.Schema;

namespace Allianssi.Import;

/// <summary>A file's header mapped to its dataset's columns, with the header's diagnostics.</summary>
internal static class HeaderMap
{
    /// <summary>
    /// For each field of the header, the index of the dataset column it holds, or -1 (unknown or derived columns:
    /// a warning); a repeated column or a missing required one is a file error.
    /// </summary>
    public static int[] Map(DatasetSchema schema, IReadOnlyList<string> header, DiagnosticList diagnostics)
    {
        var map = new int[header.Count];
        var seen = new HashSet<int>();
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            diagnostics.Add(DiagnosticCodes.Empty, 0, null, Severity.Error, "The file has no header row.");
            return map;
        }

        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var index = schema.IndexOf(name);
            if (index >= 0 && schema.Columns[index].Kind == ColumnKind.Derived)
            {
                index = -1;
            }

            map[i] = index;
            if (index < 0)
            {
                if (name.Length > 0)
                {
                    // A header is kept in the batch's diagnostics, so one that holds an identifier is named by its position.
                    var shown = Henkilotunnus.OccursIn(name) ? string.Create(CultureInfo.InvariantCulture, $"(column {i + 1})") : name.Length > 64 ? name[..64] : name;
                    diagnostics.Add(DiagnosticCodes.UnknownColumn, 0, shown, Severity.Warning, "A column this dataset does not know: ignored.");
                }
            }
            else if (!seen.Add(index))
            {
                diagnostics.Add(DiagnosticCodes.DuplicateColumn, 0, schema.Columns[index].Name, Severity.Error, "The column appears more than once in the header.");
            }
        }

        foreach (var (column, index) in schema.Columns.Select((c, i) => (c, i)))
        {
            if (column.Required && !seen.Contains(index))
            {
                diagnostics.Add(DiagnosticCodes.MissingColumn, 0, column.Name, Severity.Error, $"The required column {column.Name} is missing: the file is refused.");
            }
        }

        return map;
    }
}
