using System.Globalization;
using System.Text.Json;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Scenarios;

/// <summary>
/// What the readers of the domain's JSON files (the scenario, the organiser model) share: the parse
/// options, fields read by their JSON path, and every structural error collected rather than the first.
/// </summary>
/// <remarks>
/// The texts of the errors are the same for every reader. The codes are the organiser model's
/// (<c>organiser.required</c>, ..., listed in docs/error-codes.md): its reader gives each error its code and
/// values, for a UI that words it in the reader's language; the scenario's errors carry the text only.
/// </remarks>
/// <param name="coded">Whether the errors carry their codes and values.</param>
/// <param name="kras">How the file's key result areas differ from the other's.</param>
internal abstract class JsonModelReader(bool coded, KraFormat kras)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Every error found so far, in the order found.</summary>
    public List<ScenarioError> Errors { get; } = [];

    /// <summary>Parses JSON text (comments and trailing commas allowed); invalid JSON is thrown as one error by <paramref name="invalid"/>.</summary>
    public static JsonDocument Parse(string json, bool coded, Func<IEnumerable<ScenarioError>, Exception> invalid) =>
        Parse(() => JsonDocument.Parse(json, Options), coded, invalid);

    /// <summary>Parses a UTF-8 JSON stream (comments and trailing commas allowed); invalid JSON is thrown as one error by <paramref name="invalid"/>.</summary>
    public static JsonDocument Parse(Stream utf8Json, bool coded, Func<IEnumerable<ScenarioError>, Exception> invalid) =>
        Parse(() => JsonDocument.Parse(utf8Json, Options), coded, invalid);

    private static JsonDocument Parse(Func<JsonDocument> parse, bool coded, Func<IEnumerable<ScenarioError>, Exception> invalid)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var error = e.LineNumber is { } line
                ? ScenarioError.Create(path, coded ? "organiser.invalidJsonAt" : null, $"invalid JSON at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}")
                : ScenarioError.Create(path, coded ? "organiser.invalidJson" : null, $"invalid JSON");
            throw invalid([error]);
        }
    }

    /// <summary>Records an error; <paramref name="code"/> is kept by a reader whose errors are coded.</summary>
    protected void Error(string path, string code, FormattableString message) =>
        Errors.Add(ScenarioError.Create(path, coded ? code : null, message));

    /// <summary>An object field read by <paramref name="read"/>; null (and an error unless optional) when it is missing or not an object.</summary>
    protected T? Object<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> read, bool optional = false)
        where T : class
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            if (!optional)
            {
                Error(path, "organiser.required", $"required field is missing");
            }

            return null;
        }

        return IsObject(e, path) ? read(e, path) : null;
    }

    /// <summary>
    /// An array field, each item read by <paramref name="read"/> at <c>path[i]</c> (an item that does not
    /// read is null); empty when an optional array is missing.
    /// </summary>
    protected List<T?>? Array<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> read, bool optional = false)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            if (!optional)
            {
                Error(path, "organiser.required", $"required field is missing");
                return null;
            }

            return [];
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            Error(path, "organiser.notAnArray", $"must be an array");
            return null;
        }

        return e.EnumerateArray().Select((item, i) => read(item, Invariant($"{path}[{i}]"))).ToList();
    }

    /// <summary>As <see cref="Array{T}"/>, but null unless every item reads without an error.</summary>
    protected List<T>? CompleteArray<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> read, bool optional = false)
        where T : class
    {
        var before = Errors.Count;
        var items = Array(parent, name, path, read, optional);
        return items is not null && Errors.Count == before && items.All(i => i is not null) ? [.. items.Select(i => i!)] : null;
    }

    /// <summary>A field read by <paramref name="read"/> at <c>parentPath.name</c>; default (and an error unless optional) when it is missing.</summary>
    protected T? Field<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T?> read, bool optional = false)
    {
        var path = parentPath.Length == 0 ? name : parentPath + "." + name;
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            if (!optional)
            {
                Error(path, "organiser.required", $"required field is missing");
            }

            return default;
        }

        return read(e, path);
    }

    /// <summary>
    /// An object whose keys are calendar years, each value read by <paramref name="read"/>; null when a key
    /// or a value does not read.
    /// </summary>
    /// <param name="e">The object.</param>
    /// <param name="path">Its path.</param>
    /// <param name="read">Reads one year's value.</param>
    protected Dictionary<int, T>? YearMap<T>(JsonElement e, string path, Func<JsonElement, string, T?> read)
        where T : struct
    {
        var map = new Dictionary<int, T>();
        var ok = true;
        foreach (var property in e.EnumerateObject())
        {
            var itemPath = path + "." + property.Name;
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200)
            {
                Error(itemPath, "organiser.notAYearKey", kras.NotAYear);
                ok = false;
                continue;
            }

            if (kras.NullYearIsNoValue && property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (read(property.Value, itemPath) is { } value)
            {
                map[year] = value;
            }
            else
            {
                ok = false;
            }
        }

        return ok ? map : null;
    }

    /// <summary>A key result area: its id, weight and indicators.</summary>
    protected KeyResultArea? ReadKra(JsonElement e, string path)
    {
        if (!IsObject(e, path))
        {
            return null;
        }

        var id = Field(e, "id", path, String);
        var weight = Field(e, "weight", path, WeightOf);
        var indicators = CompleteArray(e, "indicators", path + ".indicators", ReadIndicator);
        return id is not null && weight is { } w && indicators is not null ? new KeyResultArea(id, w, indicators) : null;
    }

    private Indicator? ReadIndicator(JsonElement e, string path)
    {
        if (!IsObject(e, path))
        {
            return null;
        }

        var id = Field(e, "id", path, String);
        var weight = Field(e, "weight", path, WeightOf);
        var missing = Field(e, "missing", path, (v, p) => Enum(v, p, ScenarioNames.MissingRules), optional: true) ?? MissingRule.Reweight;
        var levels = Object(e, "levels", path + ".levels", (o, p) => YearMap(o, p, Levels));
        var values = kras.ReadsValues
            ? Object(e, "values", path + ".values", (o, p) => YearMap(o, p, (v, vp) => Decimal(v, vp)), optional: true)
            : null;
        return id is not null && weight is { } w && levels is not null ? new Indicator(id, w, missing, levels, values) : null;
    }

    private Weight? WeightOf(JsonElement e, string path)
    {
        var value = Decimal(e, path);
        if (value is < 0m || (value is 0m && !kras.ZeroWeightAllowed))
        {
            Error(path, "organiser.weightMustBePositive", $"weight must be positive, is {value}");
            return null;
        }

        return value is { } v ? new Weight(v) : null;
    }

    /// <summary>The three reference levels <c>minus100</c>, <c>zero</c> and <c>plus100</c> of an object.</summary>
    protected ReferenceLevels? Levels(JsonElement e, string path)
    {
        if (!IsObject(e, path))
        {
            return null;
        }

        var minus = Field(e, "minus100", path, Decimal);
        var zero = Field(e, "zero", path, Decimal);
        var plus = Field(e, "plus100", path, Decimal);
        return minus is { } m && zero is { } z && plus is { } p ? new ReferenceLevels(m, z, p) : null;
    }

    /// <summary>Whether the element is an object; an error when it is not.</summary>
    protected bool IsObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, "organiser.notAnObjectField", $"must be an object");
        return false;
    }

    /// <summary>A non-empty string.</summary>
    protected string? String(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : Refused<string>(path, "organiser.notAString", $"must be a non-empty string");

    /// <summary>A decimal number.</summary>
    protected decimal? Decimal(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var value) ? value : Refused<decimal?>(path, "organiser.notADecimal", $"must be a decimal number");

    /// <summary>A whole number in the range of <see cref="int"/>.</summary>
    protected int? Int(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value) ? value : Refused<int?>(path, "organiser.notAWholeNumber", $"must be a whole number");

    /// <summary>true or false.</summary>
    protected bool? Bool(JsonElement e, string path) =>
        e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : Refused<bool?>(path, "organiser.notABoolean", $"must be true or false");

    /// <summary>A member of <typeparamref name="T"/> by its scenario-format name.</summary>
    protected T? Enum<T>(JsonElement e, string path, EnumNames<T> names)
        where T : struct, System.Enum
    {
        if (e.ValueKind == JsonValueKind.String && names.TryParse(e.GetString(), out var value))
        {
            return value;
        }

        Error(path, "organiser.notOneOf", $"must be one of {names.Listed}");
        return null;
    }

    /// <summary>No value: records the error and returns null.</summary>
    private T? Refused<T>(string path, string code, FormattableString message)
    {
        Error(path, code, message);
        return default;
    }

    /// <summary>The text in the invariant culture.</summary>
    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How the key result areas of one JSON file differ from the other's.</summary>
/// <param name="NotAYear">The error of a levels key that is not a year (its example year is the file's own).</param>
/// <param name="NullYearIsNoValue">Whether a year written as null is a year without a value (the scenario) or an error (the organiser model).</param>
/// <param name="ZeroWeightAllowed">Whether a weight may be zero (the scenario) or must be positive (the organiser's aims).</param>
/// <param name="ReadsValues">Whether an indicator carries its values by year (the scenario) or they come from the store (the organiser model).</param>
internal sealed record KraFormat(FormattableString NotAYear, bool NullYearIsNoValue, bool ZeroWeightAllowed, bool ReadsValues);
