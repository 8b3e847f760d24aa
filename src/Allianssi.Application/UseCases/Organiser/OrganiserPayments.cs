using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scenarios;
using Allianssi.Indicators.Organiser;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Organiser;

/// <summary>
/// The organiser's model and computations for the web and the API (organiser-payments.md): the model
/// versioned per year and audited, capitation, the triple-aim bonus and the invoices, each filtered
/// to what the reader may see, and issued invoice runs frozen with the SHA-256 of their inputs.
/// </summary>
/// <remarks>
/// Who sees what: the organiser's party (the model's <c>organiser</c>) and admins everything; a
/// provider's users only their own capitation and bonus; a member's party (<c>invoicing.memberParties</c>)
/// only its own invoice. Only the organiser's controllers (and admins) save the model and issue invoices.
/// </remarks>
public sealed class OrganiserPayments(AllianssiDbContext db, TimeProvider time, AnalyticalStoreLocation location, OrganiserComputations computations, StoreChanges changes)
{
    /// <summary>The model in force for <paramref name="year"/>: the latest version of the latest year up to it.</summary>
    public async Task<Outcome<OrganiserModelView>> GetModelAsync(string allianceCode, int year, CancellationToken ct = default)
    {
        var row = await CurrentAsync(allianceCode, year, ct);
        if (row is null)
        {
            return Outcome<OrganiserModelView>.NotFound("notFound.organiserModel", $"organiser model for {year}");
        }

        using var doc = JsonDocument.Parse(row.Json, ReadOptions);
        return Outcome<OrganiserModelView>.Ok(new OrganiserModelView(row.Year, row.Version, row.Organiser, row.SavedAt, row.SavedBy, doc.RootElement.Clone()));
    }

    /// <summary>Every saved version, newest first.</summary>
    public async Task<IReadOnlyList<OrganiserModelVersionView>> ListVersionsAsync(string allianceCode, CancellationToken ct = default)
    {
        var rows = await db.OrganiserModelVersions.Where(m => m.Alliance!.Code == allianceCode)
            .Select(m => new { m.Year, m.Version, m.Organiser, m.SavedAt, m.SavedBy }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Year).ThenByDescending(r => r.Version)
            .Select(r => new OrganiserModelVersionView(r.Year, r.Version, r.Organiser, r.SavedAt, r.SavedBy))];
    }

    /// <summary>
    /// Validates and saves <paramref name="json"/> as a new version for <paramref name="year"/>; every error
    /// is keyed by its JSON path (the form shows it beside the field). Audited with before and after.
    /// </summary>
    public async Task<Outcome<OrganiserModelView>> SaveModelAsync(string allianceCode, int year, string json, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Controller)
        {
            return Outcome<OrganiserModelView>.Forbidden("forbidden.organiserModel", $"only the organiser's controllers may change the organiser model");
        }

        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<OrganiserModelView>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        if (year is < 1900 or > 2200)
        {
            return Outcome<OrganiserModelView>.Invalid("year", "organiser.notACalendarYear", $"must be a calendar year");
        }

        // The organiser in force decides who may change its model, before anything of the new one is read.
        var previous = await CurrentAsync(allianceCode, year, ct);
        if (!actor.IsAdmin && previous is not null && previous.Organiser != actor.PartyCode)
        {
            return Outcome<OrganiserModelView>.Forbidden("forbidden.organiserModelOfOther", $"only the organiser's own controllers may change its model");
        }

        OrganiserModel model;
        try
        {
            model = OrganiserModelReader.Read(json);
        }
        catch (InvalidOrganiserModelException e)
        {
            return Invalid<OrganiserModelView>(e.Errors);
        }

        if (!actor.IsAdmin && actor.PartyCode != model.Organiser)
        {
            return Outcome<OrganiserModelView>.Forbidden("forbidden.organiserModelOfOther", $"only the organiser's own controllers may change its model");
        }

        var version = 1 + (await db.OrganiserModelVersions.Where(m => m.AllianceId == alliance.Id && m.Year == year)
            .Select(m => (int?)m.Version).MaxAsync(ct) ?? 0);
        using var parsed = JsonDocument.Parse(json, ReadOptions);
        var compact = JsonSerializer.Serialize(parsed.RootElement);
        var row = new OrganiserModelVersion
        {
            AllianceId = alliance.Id,
            Year = year,
            Version = version,
            Organiser = model.Organiser,
            Json = compact,
            SavedAt = time.GetUtcNow(),
            SavedBy = actor.UserName,
        };
        db.OrganiserModelVersions.Add(row);
        object? before = null;
        if (previous is not null)
        {
            using var old = JsonDocument.Parse(previous.Json, ReadOptions);
            before = new { previous.Year, previous.Version, Model = old.RootElement.Clone() };
        }

        AuditLog.Record(db, time, actor, "save-organiser-model", nameof(OrganiserModelVersion), string.Create(CultureInfo.InvariantCulture, $"{year}/v{version}"),
            before, new { Year = year, Version = version, Model = parsed.RootElement.Clone() });
        await db.SaveChangesAsync(ct);
        return Outcome<OrganiserModelView>.Ok(new OrganiserModelView(year, version, model.Organiser, row.SavedAt, row.SavedBy, parsed.RootElement.Clone()));
    }

    /// <summary>Capitation per provider and month: the organiser sees every provider, a provider its own.</summary>
    public async Task<Outcome<CapitationView>> CapitationAsync(string allianceCode, int year, Actor actor, CancellationToken ct = default)
    {
        var (model, modelRow, error) = await ModelForAsync<CapitationView>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (model!.Capitation is null)
        {
            return Outcome<CapitationView>.Invalid("capitation", "organiser.noCapitation", $"the model has no capitation section");
        }

        var organiser = IsOrganiser(model, actor);
        if (!organiser && !IsProvider(model, actor))
        {
            return Outcome<CapitationView>.Forbidden("forbidden.capitation", $"capitation is shown to the organiser and to each provider for itself");
        }

        var key = await CapitationKeyAsync(modelRow!, year, ct);
        return await ComputeAsync(model, year, engine => OrganiserViewMapper.Capitation(model, computations.Capitation(key, () => engine.Capitation(model, year, ct)), party => organiser || party == actor.PartyCode),
            e => !e.Path.StartsWith("invoicing", StringComparison.Ordinal) && !e.Path.StartsWith("tripleAim", StringComparison.Ordinal));
    }

    /// <summary>
    /// The person-month explanation (organiser-payments.md section 5): how the coefficient of one pseudonym in
    /// one month is derived. Only the organiser's own controllers see it (person-level data; not admins, not
    /// providers). Each look is audited by year and month; the pseudonym is in no log or audit entry.
    /// </summary>
    public async Task<Outcome<PersonMonthDerivation>> PersonMonthAsync(string allianceCode, int year, int? month, string? pseudonym, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != Roles.Controller || actor.PartyCode is null)
        {
            return Outcome<PersonMonthDerivation>.Forbidden("forbidden.personMonth", $"the person-month explanation is shown to the organiser's controllers only");
        }

        var (model, modelRow, error) = await ModelForAsync<PersonMonthDerivation>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (actor.PartyCode != model!.Organiser)
        {
            return Outcome<PersonMonthDerivation>.Forbidden("forbidden.personMonth", $"the person-month explanation is shown to the organiser's controllers only");
        }

        var errors = new List<ScenarioError>();
        if (month is not (>= 1 and <= 12))
        {
            errors.Add(new ScenarioError("month", "a month 1-12 of the year is required") { Code = "organiser.monthRequired" });
        }

        var key = pseudonym?.Trim() ?? string.Empty;
        if (key.Length is 0 or > 128)
        {
            errors.Add(new ScenarioError("pseudonym", "the person's pseudonym (as in the analytical store) is required, at most 128 characters") { Code = "organiser.pseudonymRequired" });
        }

        if (model.Capitation is null)
        {
            errors.Add(new ScenarioError("capitation", "the model has no capitation section") { Code = "organiser.noCapitation" });
        }

        if (errors.Count > 0)
        {
            return Invalid<PersonMonthDerivation>(errors);
        }

        var derived = await ComputeAsync<PersonMonthDerivation?>(model, year, engine => engine.PersonMonth(model, year, month!.Value, key, ct),
            e => !e.Path.StartsWith("invoicing", StringComparison.Ordinal) && !e.Path.StartsWith("tripleAim", StringComparison.Ordinal));
        if (!derived.IsOk)
        {
            return derived.Status == OutcomeStatus.NotFound
                ? derived.Relay<PersonMonthDerivation>()
                : Outcome<PersonMonthDerivation>.Invalid(derived.Errors) with { Coded = derived.Coded };
        }

        AuditLog.Record(db, time, actor, AuditEntry.ExplainPersonMonth, "Capitation", string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}"), null, null);
        await db.SaveChangesAsync(ct);
        return derived.Value is { } value
            ? Outcome<PersonMonthDerivation>.Ok(value)
            : Invalid<PersonMonthDerivation>([new ScenarioError("pseudonym", "no resident of the model's municipalities has this pseudonym") { Code = "organiser.pseudonymUnknown" }]);
    }

    /// <summary>The triple-aim score and bonus: the organiser sees every provider, a provider its own.</summary>
    public async Task<Outcome<TripleAimView>> TripleAimAsync(string allianceCode, int year, Actor actor, CancellationToken ct = default)
    {
        var (model, modelRow, error) = await ModelForAsync<TripleAimView>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (model!.TripleAim is null)
        {
            return Outcome<TripleAimView>.Invalid("tripleAim", "organiser.noTripleAim", $"the model has no tripleAim section");
        }

        var organiser = IsOrganiser(model, actor);
        if (!organiser && !IsProvider(model, actor))
        {
            return Outcome<TripleAimView>.Forbidden("forbidden.tripleAim", $"the triple-aim bonus is shown to the organiser and to each provider for itself");
        }

        var key = await CapitationKeyAsync(modelRow!, year, ct);
        return await ComputeAsync(model, year, engine => OrganiserViewMapper.TripleAim(year, engine.TripleAim(model, year, computations.Capitation(key, () => engine.Capitation(model, year, ct)), ct), party => organiser || party == actor.PartyCode),
            e => !e.Path.StartsWith("invoicing", StringComparison.Ordinal));
    }

    /// <summary>The invoices of the year as computed now, with the issued run in force (if any).</summary>
    public async Task<Outcome<InvoiceRunView>> InvoicesAsync(string allianceCode, int year, Actor actor, CancellationToken ct = default)
    {
        var (model, modelRow, error) = await ModelForAsync<InvoiceRunView>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (model!.Invoicing is null)
        {
            return Outcome<InvoiceRunView>.Invalid("invoicing", "organiser.noInvoicing", $"the model has no invoicing section");
        }

        var organiser = IsOrganiser(model, actor);
        var members = MembersOf(model, actor);
        if (!organiser && members.Count == 0)
        {
            return Outcome<InvoiceRunView>.Forbidden("forbidden.invoices", $"invoices are shown to the organiser and to each member municipality for itself");
        }

        var issued = await InForceAsync(allianceCode, year, ct);
        var json = modelRow!.Json;
        return await ComputeAsync(model, year, engine =>
        {
            var inputs = engine.InvoiceInputs(model, year, ct);
            var run = Invoicer.Invoice(model, inputs);
            return OrganiserViewMapper.Invoices(run, members.Contains, organiser, issued is null ? null : View(issued), InputsHash(json, inputs));
        }, e => !e.Path.StartsWith("tripleAim", StringComparison.Ordinal));
    }

    /// <summary>The issued runs and credit notes of a year, oldest first (organiser and members).</summary>
    public async Task<Outcome<IReadOnlyList<IssuedRunView>>> IssuedRunsAsync(string allianceCode, int year, Actor actor, CancellationToken ct = default)
    {
        var (model, modelRow, error) = await ModelForAsync<IReadOnlyList<IssuedRunView>>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (!IsOrganiser(model!, actor) && MembersOf(model!, actor).Count == 0)
        {
            return Outcome<IReadOnlyList<IssuedRunView>>.Forbidden("forbidden.issuedInvoices", $"issued invoices are shown to the organiser and the members");
        }

        var rows = await db.OrganiserInvoiceRuns.Where(r => r.Alliance!.Code == allianceCode && r.Year == year).OrderBy(r => r.Number).ToListAsync(ct);
        return Outcome<IReadOnlyList<IssuedRunView>>.Ok([.. rows.Select(View)]);
    }

    /// <summary>
    /// Issues the year's invoices: computes them, freezes the result with the SHA-256 of its inputs. When a
    /// run is in force already, a correction: a credit note cancelling it plus the new run, never an overwrite;
    /// refused (409) when nothing changed.
    /// </summary>
    public async Task<Outcome<InvoiceRunView>> IssueInvoicesAsync(string allianceCode, int year, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Controller)
        {
            return Outcome<InvoiceRunView>.Forbidden("forbidden.issueInvoices", $"only the organiser's controllers issue invoices");
        }

        var (model, modelRow, error) = await ModelForAsync<InvoiceRunView>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        if (!actor.IsAdmin && (actor.Role != Roles.Controller || actor.PartyCode != model!.Organiser))
        {
            return Outcome<InvoiceRunView>.Forbidden("forbidden.issueInvoices", $"only the organiser's controllers issue invoices");
        }

        if (model!.Invoicing is null)
        {
            return Outcome<InvoiceRunView>.Invalid("invoicing", "organiser.noInvoicing", $"the model has no invoicing section");
        }

        var version = modelRow!;
        var computed = await ComputeAsync(model, year, engine =>
        {
            var inputs = engine.InvoiceInputs(model, year, ct);
            return (Run: Invoicer.Invoice(model, inputs), Hash: InputsHash(version.Json, inputs));
        }, e => !e.Path.StartsWith("tripleAim", StringComparison.Ordinal));
        if (!computed.IsOk)
        {
            return computed.Relay<InvoiceRunView>();
        }

        var (run, hash) = computed.Value;
        if (run.CheckCosts != run.CheckInvoiced)
        {
            return Outcome<InvoiceRunView>.Conflict("conflict.invoicesDoNotAddUp", $"the invoices ({run.CheckInvoiced}) do not add up to the costs ({run.CheckCosts}); nothing issued");
        }

        var inForce = await InForceAsync(allianceCode, year, ct);
        if (inForce is not null && inForce.InputsSha256 == hash)
        {
            return Outcome<InvoiceRunView>.Conflict("conflict.sameRunInForce", $"run {inForce.Number} with the same inputs is in force; nothing to correct");
        }

        var number = 1 + (await db.OrganiserInvoiceRuns.Where(r => r.AllianceId == version.AllianceId && r.Year == year).Select(r => (int?)r.Number).MaxAsync(ct) ?? 0);
        var now = time.GetUtcNow();
        if (inForce is not null)
        {
            using var cancelled = JsonDocument.Parse(inForce.ResultJson);
            var credit = new
            {
                Kind = "creditNote",
                Cancels = inForce.Number,
                Members = cancelled.RootElement.GetProperty("members").EnumerateArray().Select(m => new
                {
                    Municipality = m.GetProperty("municipality").GetString(),
                    Total = -m.GetProperty("total").GetDecimal(),
                }).ToList(),
                OthersTotal = -(cancelled.RootElement.GetProperty("others").ValueKind == JsonValueKind.Object ? cancelled.RootElement.GetProperty("others").GetProperty("total").GetDecimal() : 0m),
            };
            db.OrganiserInvoiceRuns.Add(new OrganiserInvoiceRun
            {
                AllianceId = version.AllianceId, Year = year, Number = number++, Kind = "creditNote", Cancels = inForce.Number,
                ModelVersionId = inForce.ModelVersionId, InputsSha256 = inForce.InputsSha256,
                ResultJson = JsonSerializer.Serialize(credit, WebJson), IssuedAt = now, IssuedBy = actor.UserName,
            });
        }

        var full = OrganiserViewMapper.Invoices(run, _ => true, maySeeAll: true, issued: null, hash);
        var row = new OrganiserInvoiceRun
        {
            AllianceId = version.AllianceId, Year = year, Number = number, Kind = "invoice", ModelVersionId = version.Id,
            InputsSha256 = hash, ResultJson = JsonSerializer.Serialize(full, WebJson), IssuedAt = now, IssuedBy = actor.UserName,
        };
        db.OrganiserInvoiceRuns.Add(row);
        AuditLog.Record(db, time, actor, inForce is null ? "issue-invoices" : "correct-invoices", nameof(OrganiserInvoiceRun),
            string.Create(CultureInfo.InvariantCulture, $"{year}/{number}"),
            inForce is null ? null : new { inForce.Number, inForce.InputsSha256 },
            new { Number = number, InputsSha256 = hash, Total = run.CheckInvoiced.Euros });
        await db.SaveChangesAsync(ct);
        return Outcome<InvoiceRunView>.Ok(full with { Issued = View(row) });
    }

    /// <summary>An issued run as frozen (the organiser: all of it; a member: its own invoice).</summary>
    public async Task<Outcome<InvoiceRunView>> IssuedRunAsync(string allianceCode, int year, int number, Actor actor, CancellationToken ct = default)
    {
        var (model, modelRow, error) = await ModelForAsync<InvoiceRunView>(allianceCode, year, actor, ct);
        if (error is not null)
        {
            return error;
        }

        var organiser = IsOrganiser(model!, actor);
        var members = MembersOf(model!, actor);
        if (!organiser && members.Count == 0)
        {
            return Outcome<InvoiceRunView>.Forbidden("forbidden.issuedInvoices", $"issued invoices are shown to the organiser and the members");
        }

        var row = await db.OrganiserInvoiceRuns.SingleOrDefaultAsync(r => r.Alliance!.Code == allianceCode && r.Year == year && r.Number == number && r.Kind == "invoice", ct);
        if (row is null)
        {
            return Outcome<InvoiceRunView>.NotFound("notFound.invoiceRun", $"issued invoice run {number} of {year}");
        }

        var frozen = await WithExplanationDataAsync(row, JsonSerializer.Deserialize<InvoiceRunView>(row.ResultJson, WebJson)!, ct);
        return Outcome<InvoiceRunView>.Ok(organiser ? frozen with { Issued = View(row) } : frozen with
        {
            Issued = View(row),
            Members = [.. frozen.Members.Where(m => members.Contains(m.Municipality))],
            Others = null,
            CheckCosts = null,
            CheckInvoiced = null,
        });
    }

    /// <summary>
    /// The frozen run with its explanations as data, so that a page or PDF words them in the reader's
    /// language like a run not yet issued. The pure core recomputes the run from its model version and the
    /// figures frozen in it (costs, quantities, populations); the recomputation is used only when it
    /// serialises to exactly the stored JSON, so no figure, text or hash can differ. Otherwise (a model
    /// version no longer read by today's rules) the frozen English texts stand.
    /// </summary>
    private async Task<InvoiceRunView> WithExplanationDataAsync(OrganiserInvoiceRun row, InvoiceRunView frozen, CancellationToken ct)
    {
        var asIssued = frozen with { TextsAsIssued = true };
        var version = await db.OrganiserModelVersions.SingleOrDefaultAsync(m => m.Id == row.ModelVersionId, ct);
        if (version is null || frozen.Others is null)
        {
            return asIssued;
        }

        try
        {
            var recomputed = OrganiserViewMapper.Invoices(Invoicer.Invoice(OrganiserModelReader.Read(version.Json), FrozenInputs(frozen)), _ => true, maySeeAll: true, issued: null, row.InputsSha256);
            return JsonSerializer.Serialize(recomputed, WebJson) == row.ResultJson ? recomputed : asIssued;
        }
        catch (InvalidOrganiserModelException)
        {
            return asIssued;
        }
    }

    /// <summary>
    /// The inputs of a frozen run as far as the invoicer reads them: each product's cost, the quantities per
    /// member and of others together (the invoicer uses only their sum), the populations, and the overhead
    /// before the costs of products without outputs were moved into it.
    /// </summary>
    private static InvoiceInputs FrozenInputs(InvoiceRunView frozen)
    {
        var moved = frozen.Products.Where(p => p.UnitPrice is null && p.Outputs == 0).Sum(p => p.Cost);
        var outputs = frozen.Products.Where(p => p.UnitPrice is not null).ToDictionary(
            p => p.Id,
            p => (IReadOnlyDictionary<string, long>)frozen.Members.Select(m => (m.Municipality, m.Lines.FirstOrDefault(l => l.Product == p.Id)?.Quantity ?? 0L))
                .Append((string.Empty, frozen.Others!.Lines.FirstOrDefault(l => l.Product == p.Id)?.Quantity ?? 0L))
                .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new InvoiceInputs(
            frozen.Year,
            frozen.Products.ToDictionary(p => p.Id, p => p.Cost, StringComparer.Ordinal),
            frozen.OverheadCost - moved,
            outputs,
            frozen.Members.ToDictionary(m => m.Municipality, m => m.Population, StringComparer.Ordinal));
    }

    /// <summary>SHA-256 (lowercase hex) of a run's inputs: the model JSON and the sorted summed figures.</summary>
    public static string InputsHash(string modelJson, InvoiceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(modelJson);
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        text.Append(modelJson).Append('\n').Append(inputs.Year.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (product, cost) in inputs.ProductCosts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("cost ").Append(product).Append(' ').Append(cost.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("overhead ").Append(inputs.OverheadCost.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (product, outputs) in inputs.Outputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (municipality, quantity) in outputs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append("output ").Append(product).Append(' ').Append(municipality).Append(' ').Append(quantity.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var (municipality, population) in inputs.Population.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("population ").Append(municipality).Append(' ').Append(population.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static bool IsOrganiser(OrganiserModel model, Actor actor) => actor.IsAdmin || actor.PartyCode == model.Organiser;

    private static bool IsProvider(OrganiserModel model, Actor actor) => model.Providers.Any(p => p.Party.Value == actor.PartyCode);

    private static HashSet<string> MembersOf(OrganiserModel model, Actor actor) =>
        [.. (model.Invoicing?.MemberParties ?? System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty).Where(m => m.Value == actor.PartyCode).Select(m => m.Key)];

    private static IssuedRunView View(OrganiserInvoiceRun r) => new(r.Number, r.Kind, r.Cancels, r.InputsSha256, r.IssuedAt, r.IssuedBy);

    private Task<OrganiserInvoiceRun?> InForceAsync(string allianceCode, int year, CancellationToken ct) =>
        db.OrganiserInvoiceRuns.Where(r => r.Alliance!.Code == allianceCode && r.Year == year && r.Kind == "invoice")
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);

    private async Task<OrganiserModelVersion?> CurrentAsync(string allianceCode, int year, CancellationToken ct)
    {
        var rows = await db.OrganiserModelVersions.Where(m => m.Alliance!.Code == allianceCode && m.Year <= year).ToListAsync(ct);
        return rows.OrderByDescending(m => m.Year).ThenByDescending(m => m.Version).FirstOrDefault();
    }

    // What the year's capitation is computed from: the store, the model in force (its stored text), this process's store
    // generation and the newest recorded change. The generation is read first: a write meanwhile leaves the result under
    // an old key, never served again.
    private async Task<OrganiserComputations.Key> CapitationKeyAsync(OrganiserModelVersion model, int year, CancellationToken ct)
    {
        var generation = changes.Generation;
        var version = await StoreChanges.VersionAsync(db, ct);
        return OrganiserComputations.Key.Of(location.Path, year, model.Json, generation, version);
    }

    // The model in force for the year, read once with its stored row (its text and alliance), or why there is none.
    private async Task<(OrganiserModel? Model, OrganiserModelVersion? Row, Outcome<T>? Error)> ModelForAsync<T>(string allianceCode, int year, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await CurrentAsync(allianceCode, year, ct);
        if (row is null)
        {
            return (null, null, Outcome<T>.NotFound("notFound.organiserModel", $"organiser model for {year}"));
        }

        try
        {
            return (OrganiserModelReader.Read(row.Json), row, null);
        }
        catch (InvalidOrganiserModelException e)
        {
            // Saved under older rules: show what no longer holds rather than computing with it.
            return (null, row, Invalid<T>(e.Errors));
        }
    }

    private Task<Outcome<T>> ComputeAsync<T>(OrganiserModel model, int year, Func<OrganiserEngine, T> compute, Func<ScenarioError, bool> relevant)
    {
        if (!location.Exists)
        {
            return Task.FromResult(Outcome<T>.NotFound("notFound.analyticalStore", $"analytical store: import data first"));
        }

        var engine = new OrganiserEngine(location.Store());
        try
        {
            var errors = engine.CheckData(model, year).Where(relevant).ToList();
            return Task.FromResult(errors.Count > 0 ? Invalid<T>(errors) : Outcome<T>.Ok(compute(engine)));
        }
        catch (InvalidOrganiserModelException e)
        {
            return Task.FromResult(Invalid<T>(e.Errors));
        }
    }

    private static Outcome<T> Invalid<T>(IEnumerable<ScenarioError> errors) =>
        Outcome<T>.Invalid(errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal)) with
        {
            Coded = [.. errors],
        };
}
