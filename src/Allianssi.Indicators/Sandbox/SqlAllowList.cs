using System.Collections.Frozen;
using System.Text.Json;
using Allianssi.Store;

namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// Checks DuckDB's parse tree of custom SQL (<c>json_serialize_sql</c>) against allow-lists: every
/// node kind, every function and every table must be on a list, else the SQL is refused. A function
/// or node kind DuckDB adds later is refused until someone adds it here on purpose.
/// </summary>
/// <remarks>
/// Only the store's dataset tables and the query's own CTEs (in scope: a CTE sees itself and the
/// ones before it) may be read, never with a schema or catalog name, so the system views and table
/// functions (<c>duckdb_settings()</c>, <c>read_csv</c>, <c>glob</c>, <c>query</c>) are out of reach.
/// Functions that can carry a value out of the query some other way than as the indicator's numbers
/// (<c>error</c>, <c>current_setting</c>, <c>getenv</c>, string aggregation) are simply not on the list.
/// </remarks>
public static class SqlAllowList
{
    /// <summary>Scalar, aggregate and window functions custom SQL may call (DuckDB's names, lower case).</summary>
    public static readonly FrozenSet<string> Functions = new[]
    {
        // Operators DuckDB represents as functions.
        "+", "-", "*", "/", "//", "%", "^", "**", "~~", "!~~", "~~*", "!~~*", "||",
        // Aggregates over per-subject rows.
        "count", "count_star", "sum", "avg", "mean", "min", "max", "median", "quantile_cont", "quantile_disc",
        "mode", "stddev", "stddev_samp", "stddev_pop", "var_samp", "var_pop", "variance", "bool_and", "bool_or",
        "any_value", "first", "last", "arg_min", "arg_max", "min_by", "max_by", "count_if", "product",
        // Window functions.
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value",
        // Numbers.
        "abs", "round", "floor", "ceil", "ceiling", "trunc", "sign", "sqrt", "ln", "log", "log10", "log2", "exp", "pow", "power",
        "greatest", "least", "coalesce", "ifnull", "nullif", "isnan", "isinf", "isfinite",
        // Dates.
        "date_part", "datepart", "date_trunc", "datetrunc", "date_diff", "datediff", "date_sub", "datesub", "date_add",
        "year", "month", "day", "quarter", "week", "weekofyear", "isodow", "dayofweek", "dow", "dayofyear", "doy", "epoch",
        "age", "make_date", "last_day", "to_days", "to_weeks", "to_months", "to_years",
        // Text (codes, not free text: the results are numbers).
        "lower", "upper", "trim", "ltrim", "rtrim", "length", "substring", "substr", "left", "right",
        "starts_with", "prefix", "suffix", "ends_with", "contains", "regexp_matches", "regexp_full_match",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Table functions custom SQL may read from: number series only (no catalog, file or query access).</summary>
    public static readonly FrozenSet<string> TableFunctions = new[] { "range", "generate_series" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Every <c>type</c> and <c>class</c> value a node of the tree may have: query nodes, table
    /// references, modifiers, expressions and the type descriptions of casts and constants.
    /// </summary>
    private static readonly FrozenSet<string> NodeKinds = new[]
    {
        "SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE",
        "BASE_TABLE", "JOIN", "SUBQUERY", "EMPTY", "EXPRESSION_LIST", "TABLE_FUNCTION",
        "ORDER_MODIFIER", "LIMIT_MODIFIER", "DISTINCT_MODIFIER", "ORDER_DEFAULT", "ASCENDING", "DESCENDING", "ORDER_ASCENDING", "ORDER_DESCENDING",
        "COLUMN_REF", "CONSTANT", "VALUE_CONSTANT", "FUNCTION", "OPERATOR", "COMPARISON", "CONJUNCTION", "CASE", "CASE_EXPR",
        "CAST", "OPERATOR_CAST", "BETWEEN", "COMPARE_BETWEEN", "COMPARE_NOT_BETWEEN", "WINDOW", "STAR",
        "COMPARE_EQUAL", "COMPARE_NOTEQUAL", "COMPARE_LESSTHAN", "COMPARE_GREATERTHAN", "COMPARE_LESSTHANOREQUALTO",
        "COMPARE_GREATERTHANOREQUALTO", "COMPARE_IN", "COMPARE_NOT_IN", "COMPARE_DISTINCT_FROM", "COMPARE_NOT_DISTINCT_FROM",
        "CONJUNCTION_AND", "CONJUNCTION_OR", "OPERATOR_NOT", "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL", "OPERATOR_COALESCE",
        "WINDOW_AGGREGATE", "WINDOW_ROW_NUMBER", "WINDOW_RANK", "WINDOW_RANK_DENSE", "WINDOW_PERCENT_RANK", "WINDOW_CUME_DIST",
        "WINDOW_NTILE", "WINDOW_LAG", "WINDOW_LEAD", "WINDOW_FIRST_VALUE", "WINDOW_LAST_VALUE",
        "DECIMAL_TYPE_INFO", "STRING_TYPE_INFO",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 512 };

    /// <summary>
    /// Null when the serialised parse tree <paramref name="json"/> holds exactly one statement built
    /// only from allowed parts; else the refusal (code and the offending name, which the analyst wrote).
    /// </summary>
    public static SandboxRefusal? Check(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException)
        {
            return new SandboxRefusal(SandboxCodes.ConstructRefused, "nested too deeply");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
            {
                var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                if (message.Contains("Only SELECT statements", StringComparison.OrdinalIgnoreCase))
                {
                    return new SandboxRefusal(SandboxCodes.NotOneSelect, null);
                }

                // The parser saw only the analyst's text; its position helps without quoting anything.
                var position = root.TryGetProperty("position", out var p) ? p.ToString() : null;
                return new SandboxRefusal(SandboxCodes.DoesNotParse, position is null ? null : "near character " + position);
            }

            if (!root.TryGetProperty("statements", out var statements) || statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() != 1)
            {
                return new SandboxRefusal(SandboxCodes.NotOneSelect, null);
            }

            return Walk(statements[0], new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        }
    }

    private static SandboxRefusal? Walk(JsonElement element, IReadOnlySet<string> ctes)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, ctes) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            case JsonValueKind.Object:
                return WalkObject(element, ctes);
            default:
                return null;
        }
    }

    private static SandboxRefusal? WalkObject(JsonElement node, IReadOnlySet<string> ctes)
    {
        foreach (var key in (ReadOnlySpan<string>)["type", "class"])
        {
            if (node.TryGetProperty(key, out var kind) && kind.ValueKind == JsonValueKind.String && !NodeKinds.Contains(kind.GetString()!))
            {
                return new SandboxRefusal(SandboxCodes.ConstructRefused, Shorten(kind.GetString()!));
            }
        }

        if (node.TryGetProperty("at_clause", out var at) && at.ValueKind != JsonValueKind.Null)
        {
            return new SandboxRefusal(SandboxCodes.ConstructRefused, "AT");
        }

        if (node.TryGetProperty("cte_map", out var cteMap) && cteMap.TryGetProperty("map", out var map) && map.ValueKind == JsonValueKind.Array && map.GetArrayLength() > 0)
        {
            return WalkWithCtes(node, map, ctes);
        }

        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "BASE_TABLE")
        {
            var name = String(node, "table_name");
            if (String(node, "schema_name").Length > 0 || String(node, "catalog_name").Length > 0
                || !(AnalyticalStore.Tables.Contains(name, StringComparer.OrdinalIgnoreCase) || ctes.Contains(name)))
            {
                return new SandboxRefusal(SandboxCodes.TableRefused, Shorten(name));
            }
        }
        else if (type == "TABLE_FUNCTION")
        {
            if (!node.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || String(function, "class") != "FUNCTION" || !IsPlainName(function, TableFunctions))
            {
                return new SandboxRefusal(SandboxCodes.FunctionRefused, node.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? Shorten(String(f, "function_name")) : null);
            }

            return WalkChildrenExcept(node, ctes, "function") ?? Walk(function.GetProperty("children"), ctes);
        }
        else if (node.TryGetProperty("function_name", out _))
        {
            if (!IsPlainName(node, Functions) || (node.TryGetProperty("export_state", out var export) && export.ValueKind == JsonValueKind.True))
            {
                return new SandboxRefusal(SandboxCodes.FunctionRefused, Shorten(String(node, "function_name")));
            }
        }

        return WalkChildrenExcept(node, ctes, null);
    }

    /// <summary>Walks a query node that defines CTEs: each body sees itself and the earlier ones, the rest of the node sees all.</summary>
    private static SandboxRefusal? WalkWithCtes(JsonElement node, JsonElement map, IReadOnlySet<string> outer)
    {
        var visible = new HashSet<string>(outer, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in map.EnumerateArray())
        {
            var name = String(entry, "key");
            if (name.Length == 0)
            {
                return new SandboxRefusal(SandboxCodes.ConstructRefused, "CTE");
            }

            visible.Add(name);
            if (entry.TryGetProperty("value", out var body) && Walk(body, visible) is { } refused)
            {
                return refused;
            }
        }

        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("cte_map"))
            {
                continue;
            }

            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(property.Value, visible) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static SandboxRefusal? WalkChildrenExcept(JsonElement node, IReadOnlySet<string> ctes, string? skip)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (skip is not null && property.NameEquals(skip))
            {
                continue;
            }

            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(property.Value, ctes) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>A function with an allowed name and no schema or catalog (<c>system.main.f</c> could be anything).</summary>
    private static bool IsPlainName(JsonElement function, FrozenSet<string> allowed) =>
        allowed.Contains(String(function, "function_name")) && String(function, "schema").Length == 0 && String(function, "catalog").Length == 0;

    private static string String(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "...";
}

/// <summary>Why the sandbox refused or stopped a query: a <see cref="SandboxCodes"/> code and an optional name from the analyst's own SQL.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Detail">A function, table or construct name the analyst wrote, or a parse position; never a data value.</param>
public sealed record SandboxRefusal(string Code, string? Detail)
{
    /// <summary>The message for the analyst: code, fixed text and detail.</summary>
    public string Message => SandboxCodes.Describe(Code, Detail);
}
