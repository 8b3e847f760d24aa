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
    /// <summary>Reads and validates a model from JSON text.</summary>
    /// <exception cref="InvalidOrganiserModelException">The text is not a valid model.</exception>
    public static OrganiserModel Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonModelReader.Parse(json, coded: true, errors => new InvalidOrganiserModelException(errors));
        return Read(document.RootElement);
    }

    /// <summary>Reads and validates a model from a UTF-8 JSON stream (the caller owns the stream).</summary>
    /// <exception cref="InvalidOrganiserModelException">The content is not a valid model.</exception>
    public static OrganiserModel Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var document = JsonModelReader.Parse(utf8Json, coded: true, errors => new InvalidOrganiserModelException(errors));
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

    private sealed class Reader() : JsonModelReader(
        coded: true,
        new KraFormat($"the key must be a calendar year such as 2023", NullYearIsNoValue: false, ZeroWeightAllowed: false, ReadsValues: false))
    {
        public OrganiserModel? ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", "organiser.notAnObject", $"the organiser model must be a JSON object");
                return null;
            }

            var organiser = Field(root, "organiser", string.Empty, String);
            var municipalities = CompleteArray(root, "municipalities", "municipalities", String);
            var providers = CompleteArray(root, "providers", "providers", ReadProvider);
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
            var units = CompleteArray(e, "units", path + ".units", String);
            return party is not null && units is not null ? new OrganiserProvider(new PartyId(party), [.. units]) : null;
        }

        private CapitationTerms? ReadCapitation(JsonElement e, string path)
        {
            var basePrice = Field(e, "basePricePerMonth", path, Decimal);
            var weights = CompleteArray(e, "ageSexWeights", path + ".ageSexWeights", ReadAgeSexWeight);
            var factors = CompleteArray(e, "needFactors", path + ".needFactors", ReadNeedFactor, optional: true);
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
            var sex = Field(e, "sex", path, (v, p) => OneOf(v, p, "any", "F", "M"));
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
            var codes = CompleteArray(e, "codes", path + ".codes", String);
            var lookback = Field(e, "lookbackYears", path, Int, optional: true);
            var addend = Field(e, "addend", path, Decimal);
            return id is not null && codes is not null && addend is { } a ? new NeedFactor(id, [.. codes], lookback, a) : null;
        }

        private TripleAimTerms? ReadTripleAim(JsonElement e, string path)
        {
            var poolRate = Field(e, "poolRate", path, Decimal);
            var sanction = Field(e, "sanction", path, Bool, optional: true) ?? false;
            var aims = CompleteArray(e, "aims", path + ".aims", ReadKra);
            return poolRate is { } r && aims is not null
                ? new TripleAimTerms(r, sanction, [.. aims])
                : null;
        }

        private InvoicingTerms? ReadInvoicing(JsonElement e, string path)
        {
            var members = CompleteArray(e, "members", path + ".members", String);
            var products = CompleteArray(e, "products", path + ".products", ReadProduct);
            var overhead = Object(e, "overhead", path + ".overhead", (o, p) => CompleteArray(o, "costAccounts", p + ".costAccounts", String));
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
            var accounts = CompleteArray(e, "costAccounts", path + ".costAccounts", String);
            var output = Object(e, "output", path + ".output", ReadOutput);
            return id is not null && accounts is not null && output is not null
                ? new InvoiceProduct(id, name ?? id, [.. accounts], output)
                : null;
        }

        private ProductOutput? ReadOutput(JsonElement e, string path)
        {
            var dataset = Field(e, "dataset", path, (v, p) => OneOf(v, p, "visits", "service_periods"));
            var services = CompleteArray(e, "service", path + ".service", String);
            List<string>? professionals = null;
            string? measure = null;
            if (dataset == "visits")
            {
                if (e.TryGetProperty("professional", out var prof) && prof.ValueKind != JsonValueKind.Null)
                {
                    professionals = CompleteArray(e, "professional", path + ".professional", String);
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
                measure = Field(e, "measure", path, (v, p) => OneOf(v, p, "days"));
                if (e.TryGetProperty("professional", out var prof) && prof.ValueKind != JsonValueKind.Null)
                {
                    Error(path + ".professional", "organiser.periodsNoProfessional", $"service periods have no professional");
                }
            }

            return dataset is not null && services is not null && (dataset == "visits" || measure is not null)
                ? new ProductOutput(dataset, [.. services], professionals is null ? null : [.. professionals], measure)
                : null;
        }

        private Dictionary<string, decimal>? DecimalMap(JsonElement e, string path) =>
            Map(e, path, (v, p) => Decimal(v, p) is { } d ? (true, d) : (false, 0m));

        private Dictionary<string, string>? StringMap(JsonElement e, string path) =>
            Map(e, path, (v, p) => String(v, p) is { } text ? (true, text) : (false, string.Empty));

        /// <summary>An object's properties, each value read at <c>path.name</c>; null when one does not read.</summary>
        private static Dictionary<string, T>? Map<T>(JsonElement e, string path, Func<JsonElement, string, (bool Ok, T Value)> read)
        {
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            var ok = true;
            foreach (var property in e.EnumerateObject())
            {
                var (isValue, value) = read(property.Value, path + "." + property.Name);
                if (isValue)
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

        // ---- the organiser model's own field readers (the shared ones are JsonModelReader's) ----

        private string? OneOf(JsonElement e, string path, params string[] names)
        {
            if (e.ValueKind == JsonValueKind.String && e.GetString() is { } text && names.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }

            Error(path, "organiser.notOneOf", $"must be one of {string.Join(", ", names.Select(n => "\"" + n + "\""))}");
            return null;
        }
    }
}
