using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Organiser;

/// <summary>Reads the organiser model JSON of organiser-payments.md section 1 into a validated <see cref="OrganiserModel"/>.</summary>
/// <remarks>
/// Comments and trailing commas are allowed; unknown fields are ignored. Reading collects every
/// structural error (invalid JSON, missing or mistyped fields); a sound file is then checked by
/// <see cref="OrganiserModelRules"/>. Either way the <see cref="InvalidOrganiserModelException"/> names
/// every field by its JSON path, e.g. <c>capitation.ageSexWeights[2].weight</c>.
/// </remarks>
public static class OrganiserModelReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and validates a model from JSON text.</summary>
    /// <exception cref="InvalidOrganiserModelException">The text is not a valid model.</exception>
    public static OrganiserModel Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(() => JsonDocument.Parse(json, Options));
        return Read(document.RootElement);
    }

    /// <summary>Reads and validates a model from a UTF-8 JSON stream (the caller owns the stream).</summary>
    /// <exception cref="InvalidOrganiserModelException">The content is not a valid model.</exception>
    public static OrganiserModel Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var document = Parse(() => JsonDocument.Parse(utf8Json, Options));
        return Read(document.RootElement);
    }

    /// <summary>Reads and validates a model from a parsed JSON element.</summary>
    /// <exception cref="InvalidOrganiserModelException">The element is not a valid model.</exception>
    public static OrganiserModel Read(JsonElement root)
    {
        var reader = new Reader();
        var model = reader.ReadRoot(root);
        if (reader.Errors.Count > 0 || model is null)
        {
            throw new InvalidOrganiserModelException(reader.Errors);
        }

        var errors = OrganiserModelRules.Check(model);
        if (errors.Count > 0)
        {
            throw new InvalidOrganiserModelException(errors);
        }

        return model;
    }

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var error = e.LineNumber is { } line
                ? new ScenarioError(path, string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}"))
                {
                    Code = "organiser.invalidJsonAt", Arguments = [line + 1, (e.BytePositionInLine ?? 0) + 1],
                }
                : new ScenarioError(path, "invalid JSON") { Code = "organiser.invalidJson" };
            throw new InvalidOrganiserModelException([error]);
        }
    }

    private sealed class Reader
    {
        public List<ScenarioError> Errors { get; } = [];

        public OrganiserModel? ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", "organiser.notAnObject", $"the organiser model must be a JSON object");
                return null;
            }

            var organiser = Field(root, "organiser", string.Empty, String);
            var municipalities = Array(root, "municipalities", "municipalities", String);
            var providers = Array(root, "providers", "providers", ReadProvider);
            var capitation = Object(root, "capitation", "capitation", ReadCapitation, optional: true);
            var tripleAim = Object(root, "tripleAim", "tripleAim", ReadTripleAim, optional: true);
            var invoicing = Object(root, "invoicing", "invoicing", ReadInvoicing, optional: true);
            if (Errors.Count > 0 || organiser is null || municipalities is null || providers is null)
            {
                return null;
            }

            return new OrganiserModel(organiser, [.. municipalities], [.. providers], capitation, tripleAim, invoicing);
        }

        private OrganiserProvider? ReadProvider(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var party = Field(e, "party", path, String);
            var units = Array(e, "units", path + ".units", String);
            return party is not null && units is not null ? new OrganiserProvider(new PartyId(party), [.. units]) : null;
        }

        private CapitationTerms? ReadCapitation(JsonElement e, string path)
        {
            var basePrice = Field(e, "basePricePerMonth", path, Decimal);
            var weights = Array(e, "ageSexWeights", path + ".ageSexWeights", ReadAgeSexWeight);
            var factors = Array(e, "needFactors", path + ".needFactors", ReadNeedFactor, optional: true);
            var municipal = Object(e, "municipalityFactors", path + ".municipalityFactors", (o, p) => DecimalMap(o, p), optional: true);
            var normalise = Field(e, "normalise", path, Bool, optional: true) ?? true;
            return basePrice is { } b && weights is not null && factors is not null
                ? new CapitationTerms(b, [.. weights], [.. factors], (municipal ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal), normalise)
                : null;
        }

        private AgeSexWeight? ReadAgeSexWeight(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var from = Field(e, "fromAge", path, Int);
            var to = Field(e, "toAge", path, Int, optional: true);
            var sex = Field(e, "sex", path, (v, p) => Enum(v, p, ("any", "any"), ("F", "F"), ("M", "M")));
            var weight = Field(e, "weight", path, Decimal);
            return from is { } f && sex is not null && weight is { } w ? new AgeSexWeight(f, to, sex, w) : null;
        }

        private NeedFactor? ReadNeedFactor(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var id = Field(e, "id", path, String);
            var codes = Array(e, "codes", path + ".codes", String);
            var lookback = Field(e, "lookbackYears", path, Int, optional: true);
            var addend = Field(e, "addend", path, Decimal);
            return id is not null && codes is not null && addend is { } a ? new NeedFactor(id, [.. codes], lookback, a) : null;
        }

        private TripleAimTerms? ReadTripleAim(JsonElement e, string path)
        {
            var poolRate = Field(e, "poolRate", path, Decimal);
            var sanction = Field(e, "sanction", path, Bool, optional: true) ?? false;
            var aims = Array(e, "aims", path + ".aims", ReadAim);
            return poolRate is { } r && aims is not null && true
                ? new TripleAimTerms(r, sanction, [.. aims])
                : null;
        }

        private KeyResultArea? ReadAim(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var id = Field(e, "id", path, String);
            var weight = Field(e, "weight", path, WeightOf);
            var indicators = Array(e, "indicators", path + ".indicators", ReadIndicator);
            return id is not null && weight is { } w && indicators is not null && true
                ? new KeyResultArea(id, w, indicators)
                : null;
        }

        private Indicator? ReadIndicator(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var id = Field(e, "id", path, String);
            var weight = Field(e, "weight", path, WeightOf);
            var missing = Field(e, "missing", path, Missing, optional: true) ?? MissingRule.Reweight;
            var levels = Object(e, "levels", path + ".levels", ReadLevelsByYear);
            return id is not null && weight is { } w && levels is not null ? new Indicator(id, w, missing, levels) : null;
        }

        private Dictionary<int, ReferenceLevels>? ReadLevelsByYear(JsonElement e, string path)
        {
            var map = new Dictionary<int, ReferenceLevels>();
            var ok = true;
            foreach (var property in e.EnumerateObject())
            {
                var itemPath = path + "." + property.Name;
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200)
                {
                    Error(itemPath, "organiser.notAYearKey", $"the key must be a calendar year such as 2023");
                    ok = false;
                    continue;
                }

                if (!IsObject(property.Value, itemPath))
                {
                    ok = false;
                    continue;
                }

                var minus = Field(property.Value, "minus100", itemPath, Decimal);
                var zero = Field(property.Value, "zero", itemPath, Decimal);
                var plus = Field(property.Value, "plus100", itemPath, Decimal);
                if (minus is { } m && zero is { } z && plus is { } p)
                {
                    map[year] = new ReferenceLevels(m, z, p);
                }
                else
                {
                    ok = false;
                }
            }

            return ok ? map : null;
        }

        private InvoicingTerms? ReadInvoicing(JsonElement e, string path)
        {
            var members = Array(e, "members", path + ".members", String);
            var products = Array(e, "products", path + ".products", ReadProduct);
            var overhead = Object(e, "overhead", path + ".overhead", (o, p) => Array(o, "costAccounts", p + ".costAccounts", String));
            var budgets = Object(e, "budgets", path + ".budgets", (o, p) => DecimalMap(o, p));
            var memberParties = Object(e, "memberParties", path + ".memberParties", (o, p) => StringMap(o, p), optional: true);
            return members is not null && products is not null && overhead is not null && budgets is not null
                ? new InvoicingTerms([.. members], [.. products], [.. overhead], budgets.ToImmutableSortedDictionary(StringComparer.Ordinal))
                {
                    MemberParties = (memberParties ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal),
                }
                : null;
        }

        private InvoiceProduct? ReadProduct(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var id = Field(e, "id", path, String);
            var name = Field(e, "name", path, String, optional: true);
            var accounts = Array(e, "costAccounts", path + ".costAccounts", String);
            var output = Object(e, "output", path + ".output", ReadOutput);
            return id is not null && accounts is not null && output is not null
                ? new InvoiceProduct(id, name ?? id, [.. accounts], output)
                : null;
        }

        private ProductOutput? ReadOutput(JsonElement e, string path)
        {
            var dataset = Field(e, "dataset", path, (v, p) => Enum(v, p, ("visits", "visits"), ("service_periods", "service_periods")));
            var services = Array(e, "service", path + ".service", String);
            List<string>? professionals = null;
            string? measure = null;
            if (dataset == "visits")
            {
                if (e.TryGetProperty("professional", out var prof) && prof.ValueKind != JsonValueKind.Null)
                {
                    professionals = Array(e, "professional", path + ".professional", String);
                    if (professionals is null)
                    {
                        return null;
                    }
                }

                if (e.TryGetProperty("measure", out var m) && m.ValueKind != JsonValueKind.Null)
                {
                    Error(path + ".measure", "organiser.visitsNoMeasure", $"visits are counted one by one and take no measure");
                }
            }
            else if (dataset == "service_periods")
            {
                measure = Field(e, "measure", path, (v, p) => Enum(v, p, ("days", "days")));
                if (e.TryGetProperty("professional", out var prof) && prof.ValueKind != JsonValueKind.Null)
                {
                    Error(path + ".professional", "organiser.periodsNoProfessional", $"service periods have no professional");
                }
            }

            return dataset is not null && services is not null && (dataset == "visits" || measure is not null)
                ? new ProductOutput(dataset, [.. services], professionals is null ? null : [.. professionals], measure)
                : null;
        }

        private Dictionary<string, decimal>? DecimalMap(JsonElement e, string path)
        {
            var map = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var ok = true;
            foreach (var property in e.EnumerateObject())
            {
                if (Decimal(property.Value, path + "." + property.Name) is { } value)
                {
                    map[property.Name] = value;
                }
                else
                {
                    ok = false;
                }
            }

            return ok ? map : null;
        }

        private Dictionary<string, string>? StringMap(JsonElement e, string path)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            foreach (var property in e.EnumerateObject())
            {
                if (String(property.Value, path + "." + property.Name) is { } value)
                {
                    map[property.Name] = value;
                }
                else
                {
                    ok = false;
                }
            }

            return ok ? map : null;
        }

        // ---- field helpers (as ScenarioReader's) ----

        private T? Object<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> read, bool optional = false)
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

        private List<T>? Array<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> read, bool optional = false)
            where T : class
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

            var before = Errors.Count;
            var items = e.EnumerateArray().Select((item, i) => read(item, Invariant($"{path}[{i}]"))).ToList();
            return Errors.Count == before && items.All(i => i is not null) ? [.. items.Select(i => i!)] : null;
        }

        private T? Field<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T?> read, bool optional = false)
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

        private bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, "organiser.notAnObjectField", $"must be an object");
            return false;
        }

        private string? String(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()))
            {
                return e.GetString();
            }

            Error(path, "organiser.notAString", $"must be a non-empty string");
            return null;
        }

        private decimal? Decimal(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var value))
            {
                return value;
            }

            Error(path, "organiser.notADecimal", $"must be a decimal number");
            return null;
        }

        private int? Int(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value))
            {
                return value;
            }

            Error(path, "organiser.notAWholeNumber", $"must be a whole number");
            return null;
        }

        private bool? Bool(JsonElement e, string path)
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return e.GetBoolean();
            }

            Error(path, "organiser.notABoolean", $"must be true or false");
            return null;
        }

        private Weight? WeightOf(JsonElement e, string path)
        {
            var value = Decimal(e, path);
            if (value is <= 0m)
            {
                Error(path, "organiser.weightMustBePositive", $"weight must be positive, is {value}");
                return null;
            }

            return value is { } v ? new Weight(v) : null;
        }

        private MissingRule? Missing(JsonElement e, string path) =>
            Enum(e, path, [.. ScenarioNames.MissingRules.Choices.Select(c => (c.Name, c.Name))]) is { } name
            && ScenarioNames.MissingRules.TryParse(name, out var rule)
                ? rule
                : null;

        private string? Enum(JsonElement e, string path, params (string Name, string Value)[] choices)
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                var text = e.GetString();
                foreach (var (name, value) in choices)
                {
                    if (name == text)
                    {
                        return value;
                    }
                }
            }

            Error(path, "organiser.notOneOf", $"must be one of {string.Join(", ", choices.Select(c => "\"" + c.Name + "\""))}");
            return null;
        }

        private void Error(string path, string code, FormattableString message) =>
            Errors.Add(new ScenarioError(path, message.ToString(CultureInfo.InvariantCulture)) { Code = code, Arguments = message.GetArguments() });

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
