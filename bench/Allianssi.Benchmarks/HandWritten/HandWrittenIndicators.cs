using System.Data.Common;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Allianssi.Benchmarks.HandWritten;

/// <summary>
/// The twelve reference indicators written a second time, by hand, from <c>spec/indicators.md</c>
/// only: one DuckDB query per indicator and year that returns the final per-unit result (value,
/// numerator, denominator, n) directly, without the engine's definitions, binder or aggregation.
/// </summary>
/// <remarks>
/// Used as the benchmark's floor and as the oracle of the differential test (the test project links
/// this file and the SQL files; it does not reference the benchmark project). The window of year Y
/// is computed here too: the part of Y inside the period, both ends inclusive.
/// </remarks>
public static class HandWrittenIndicators
{
    /// <summary>The reference indicator ids, in the order of indicators.md.</summary>
    public static readonly IReadOnlyList<string> Ids =
    [
        "ktk_4_5", "ktk_8_9", "chronic_care_plan", "chronic_balance", "dental_care_plan", "home_care_function",
        "acuta_cost_per_client", "hospital_cost_per_client", "specialist_cost_change", "nps", "partner_satisfaction", "t3_doctor",
    ];

    /// <summary>The first and last day of year <paramref name="year"/> inside the period.</summary>
    public static (DateOnly Start, DateOnly End) Window(DateOnly periodStart, DateOnly periodEnd, int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return (first > periodStart ? first : periodStart, last < periodEnd ? last : periodEnd);
    }

    /// <summary>The bound query of indicator <paramref name="id"/> for a year of a period.</summary>
    /// <param name="id">The indicator id.</param>
    /// <param name="periodStart">First day of the period.</param>
    /// <param name="periodEnd">Last day of the period.</param>
    /// <param name="year">The year.</param>
    /// <param name="parameters">The period's parameters (hba1cMax, ldlT2dMax, ldlChdMax, baselineYear, scaleMin, scaleMax); missing ones take the spec's defaults.</param>
    public static string Sql(string id, DateOnly periodStart, DateOnly periodEnd, int year, IReadOnlyDictionary<string, object> parameters)
    {
        var (start, end) = Window(periodStart, periodEnd, year);
        double Number(string name, double fallback) =>
            parameters.TryGetValue(name, out var v) ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : fallback;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["start"] = Date(start),
            ["end"] = Date(end),
            ["year"] = year.ToString(CultureInfo.InvariantCulture),
            ["baselineYear"] = ((long)Number("baselineYear", periodStart.Year - 1)).ToString(CultureInfo.InvariantCulture),
            ["hba1cMax"] = Double(Number("hba1cMax", 53)),
            ["ldlT2dMax"] = Double(Number("ldlT2dMax", 2.6)),
            ["ldlChdMax"] = Double(Number("ldlChdMax", 1.8)),
            ["scaleMin"] = Double(Number("scaleMin", 1)),
            ["scaleMax"] = Double(Number("scaleMax", 5)),
            ["indicator"] = "'" + id + "'",
            ["service"] = id switch { "acuta_cost_per_client" => "'emergency'", "hospital_cost_per_client" => "'hospital'", _ => "NULL" },
        };
        var file = id switch
        {
            "ktk_4_5" or "ktk_8_9" => "reported.sql",
            "acuta_cost_per_client" or "hospital_cost_per_client" => "client_cost.sql",
            _ => id + ".sql",
        };
        return Bind(Read(file), values);
    }

    /// <summary>Runs indicator <paramref name="id"/> for one year; one row per unit, ordered by unit id.</summary>
    public static List<HandWrittenResult> Compute(
        DuckDBConnection connection, string id, DateOnly periodStart, DateOnly periodEnd, int year,
        IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var minimumCount = parameters.TryGetValue("minimumCount", out var m) ? Convert.ToInt64(m, CultureInfo.InvariantCulture) : 5L;
        using var command = connection.CreateCommand();
        command.CommandText = Sql(id, periodStart, periodEnd, year, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<HandWrittenResult>();
        while (reader.Read())
        {
            long? n = reader.IsDBNull(4) ? null : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
            rows.Add(new HandWrittenResult(id, reader.GetString(0), year, D(reader, 1), D(reader, 2), D(reader, 3), n, n < minimumCount));
        }

        return rows;
    }

    private static double? D(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    private static string Double(double x) => "CAST(" + x.ToString("R", CultureInfo.InvariantCulture) + " AS DOUBLE)";

    private static string Bind(string sql, Dictionary<string, string> values)
    {
        var result = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '$')
            {
                var j = i + 1;
                while (j < sql.Length && (char.IsAsciiLetterOrDigit(sql[j]) || sql[j] == '_'))
                {
                    j++;
                }

                var name = sql[(i + 1)..j];
                result.Append(values.TryGetValue(name, out var literal) ? literal : throw new InvalidOperationException("unbound $" + name));
                i = j - 1;
            }
            else
            {
                result.Append(sql[i]);
            }
        }

        return result.ToString();
    }

    private static string Read(string file)
    {
        using var stream = typeof(HandWrittenIndicators).Assembly.GetManifestResourceStream("HandWritten." + file)
            ?? throw new InvalidOperationException("hand-written SQL " + file + " is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One hand-written result: the same fields as the engine's JSON output.</summary>
public sealed record HandWrittenResult(string Indicator, string Unit, int Year, double? Value, double? Numerator, double? Denominator, long? N, bool Suppressed);
