using System.Globalization;
using System.Text.RegularExpressions;

namespace Allianssi.Indicators.Definitions;

/// <summary>
/// Writes parameter values into definition SQL as typed literals. Values are typed (numbers, dates,
/// text with quotes doubled), never raw user text, so the result cannot change the statement's shape.
/// </summary>
public static partial class SqlLiteral
{
    /// <summary>The SQL literal for a CLR value.</summary>
    public static string Format(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        double x when double.IsFinite(x) => "CAST('" + x.ToString("R", CultureInfo.InvariantCulture) + "' AS DOUBLE)",
        double => throw new ArgumentException("a parameter must be a finite number", nameof(value)),
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException("unsupported parameter value type " + value.GetType().Name, nameof(value)),
    };

    /// <summary>
    /// Replaces each <c>$name</c> whose name is a key of <paramref name="values"/> with its literal;
    /// other <c>$</c> tokens are left as they are.
    /// </summary>
    public static string Bind(string sql, IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(sql, m => values.TryGetValue(m.Groups[1].Value, out var v) ? Format(v) : m.Value);
    }

    /// <summary>The <c>$name</c> placeholders that occur in <paramref name="sql"/>.</summary>
    public static IReadOnlySet<string> Placeholders(string sql) =>
        Placeholder().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
