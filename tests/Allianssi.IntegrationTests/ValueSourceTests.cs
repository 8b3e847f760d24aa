using System.Globalization;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Settlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// One source of each number, stated (issue 12 items 2 and 3): the scorecard and the indicators page
/// agree, each scored value says where it comes from, the overview announces a change of source from
/// stored data, and a period running into the future settles to date or says which target cost is missing.
/// The fixture's data ends in September 2019; the reference alliance carries illustrative values for 2017-2024.
/// </summary>
public abstract class ValueSourceTests(IndicatorFixture app)
{
    private static readonly Actor Analyst = new("source.analyst", Roles.Analyst, "tampere");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAnIllustrativeValueAndAComputedResult_WhenReadingTheScorecardAndTheIndicatorResults_ThenBothShowTheComputedValueWithItsBatches()
    {
        app.SkipIfUnavailable();
        await ComputeAsync("P1");

        var card = await RunAsync<GetScorecard, Outcome<ScorecardView>>(u => u.ExecuteAsync("tesoma", "P1", 2019, Ct));
        var results = await RunAsync<GetAllianceUnitResults, Outcome<IReadOnlyList<AllianceUnitResult>>>(u => u.ExecuteAsync("tesoma", "P1", Analyst, Ct));

        Assert.True(card.IsOk, card.Message);
        var row = card.Value!.Kras.SelectMany(k => k.Indicators).Single(i => i.Code == "chronic_care_plan");
        var computed = results.Value!.Single(r => r.Indicator == "chronic_care_plan" && r.Year == 2019);
        // tesoma: 8 of 10 chronic patients with a care plan; the illustration's 70.4 no longer counts.
        Assert.Equal(80m, row.Value);
        Assert.Equal((decimal)computed.Value!.Value, row.Value);
        Assert.NotEqual(TesomaIllustration.Values["chronic_care_plan"][2019], row.Value);
        Assert.Equal(ValueOriginKind.Computed, row.Origin!.Kind);
        Assert.Equal(1, row.Origin.Batches);
        Assert.Equal(computed.DefinitionVersion, row.Origin.DefinitionVersion);
        Assert.Equal(computed.ComputedAt, row.Origin.At);
        // Nothing computes the partners' satisfaction: its illustrative value stays, labelled as such.
        var illustrative = card.Value.Kras.SelectMany(k => k.Indicators).Single(i => i.Code == "partner_satisfaction");
        Assert.Equal(TesomaIllustration.Values["partner_satisfaction"][2019], illustrative.Value);
        Assert.Equal(ValueOriginKind.Illustrative, illustrative.Origin!.Kind);
    }

    [Fact]
    public async Task GivenAValueEnteredByHand_WhenReadingTheScorecard_ThenItWinsAndNamesWhoEnteredIt()
    {
        app.SkipIfUnavailable();
        var set = await RunAsync<SetIndicatorValue, Outcome<IndicatorValueDto?>>(u => u.ExecuteAsync("tesoma", new IndicatorValueInput("chronic_care_plan", null, 2023, 66.5m, null), Analyst, Ct));
        Assert.True(set.IsOk, set.Message);

        var card = await RunAsync<GetScorecard, Outcome<ScorecardView>>(u => u.ExecuteAsync("tesoma", "P2", 2023, Ct));

        var row = card.Value!.Kras.SelectMany(k => k.Indicators).Single(i => i.Code == "chronic_care_plan");
        Assert.Equal(66.5m, row.Value);
        Assert.Equal(ValueOriginKind.Entered, row.Origin!.Kind);
        Assert.Equal("source.analyst", row.Origin.By);
        await using var db = app.OpenStore();
        var audited = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "set-indicator-value" && a.EntityKey == "chronic_care_plan/tesoma/2023").ToListAsync(Ct);
        Assert.Equal(audited.MaxBy(a => a.Sequence)!.At, row.Origin.At);
    }

    [Fact]
    public async Task GivenComputedResultsReplacingIllustrativeValues_WhenOpeningTheOverview_ThenTheChangeIsAnnouncedWithTheScoreBeforeAndAfter()
    {
        app.SkipIfUnavailable();
        var before = Settler.Settle(TesomaIllustration.P1()).PeriodScore.Value;
        await ComputeAsync("P1");

        var changes = await RunAsync<GetSourceChanges, IReadOnlyList<SourceChange>>(u => u.ExecuteAsync("tesoma", Ct));
        var card = await RunAsync<GetScorecard, Outcome<ScorecardView>>(u => u.ExecuteAsync("tesoma", "P1", null, Ct));

        var p1 = Assert.Single(changes, c => c.Period == "P1");
        await using var db = app.OpenStore();
        var indicators = card.Value!.Kras.SelectMany(k => k.Indicators).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var computed = (await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1" && r.IsAllianceUnit && r.Value != null).ToListAsync(Ct))
            .Where(r => indicators.Contains(r.IndicatorId)).ToList();
        Assert.Equal(computed.Count, p1.Computed);
        Assert.Equal(computed.Count(r => TesomaIllustration.Values.GetValueOrDefault(r.IndicatorId)?.ContainsKey(r.Year) == true), p1.ReplacedIllustrative);
        Assert.True(p1.ReplacedIllustrative > 0);
        Assert.Equal(before, p1.ScoreBefore);
        Assert.Equal(card.Value.PeriodScore, p1.ScoreNow);
        Assert.NotEqual(p1.ScoreBefore, p1.ScoreNow);
        Assert.Equal(computed.Min(r => r.ComputedAt), p1.Since);

        var viewer = await app.ClientForAsync("tampere.viewer");
        var html = await viewer.GetStringAsync("/?culture=en-GB", Ct);
        var en = CultureInfo.GetCultureInfo("en-GB");
        Assert.Contains("data-testid=\"source-changes\"", html, StringComparison.Ordinal);
        Assert.Contains(
            $"{p1.Computed} values of P1 come from computed results ({p1.ReplacedIllustrative} of them instead of illustrative ones); the period score changed from {before.ToString("0.0", en)} to {p1.ScoreNow.ToString("0.0", en)}.",
            System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAPeriodRunningIntoTheFuture_WhenSettling_ThenItSaysWhichTargetCostIsMissingAndOnceRecordedSettlesToDate()
    {
        app.SkipIfUnavailable();
        // P3 runs 2025-2028; one value for 2025 gives it a first scored year.
        var set = await RunAsync<SetIndicatorValue, Outcome<IndicatorValueDto?>>(u => u.ExecuteAsync("tesoma", new IndicatorValueInput("nps", null, 2025, 70m, null), Analyst, Ct));
        Assert.True(set.IsOk, set.Message);

        var refused = await RunAsync<GetSettlement, Outcome<SettlementView>>(u => u.ExecuteAsync("tesoma", "P3", null, Ct));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(["2025"], refused.Errors[NotYet.TargetCostYears]);
        Assert.DoesNotContain(refused.Errors.Values.SelectMany(m => m), m => m.Contains("must be positive", StringComparison.Ordinal));

        var cost = await RunAsync<SetTargetCost, Outcome<TargetCostDto>>(u => u.ExecuteAsync("tesoma", new TargetCostDto("tampere", 2025, 17_500_000m, "test"), new Actor("tampere.leadership", Roles.Leadership, "tampere"), Ct));
        Assert.True(cost.IsOk, cost.Message);
        var settled = await RunAsync<GetSettlement, Outcome<SettlementView>>(u => u.ExecuteAsync("tesoma", "P3", null, Ct));
        var card = await RunAsync<GetScorecard, Outcome<ScorecardView>>(u => u.ExecuteAsync("tesoma", "P3", null, Ct));
        var later = await RunAsync<GetScorecard, Outcome<ScorecardView>>(u => u.ExecuteAsync("tesoma", "P3", 2027, Ct));

        Assert.True(settled.IsOk, settled.Message);
        Assert.Equal([2025], settled.Value!.Span);
        Assert.Equal(2025, settled.Value.ToDateThrough);
        Assert.Equal(17_500_000m, settled.Value.TargetCost);
        Assert.Equal(card.Value!.PeriodScore, settled.Value.PeriodScore);
        Assert.Equal(2025, card.Value.ToDateThrough);
        Assert.Equal([2025], card.Value.Trend.Select(t => t.Year));
        Assert.Equal(OutcomeStatus.Invalid, later.Status);
        Assert.True(later.Errors.ContainsKey(NotYet.Field));
    }

    private async Task ComputeAsync(string period)
    {
        var outcome = await RunAsync<ComputeIndicators, Outcome<ComputeRun>>(u => u.ExecuteAsync("tesoma", period, null, Analyst, null, Ct));
        Assert.True(outcome.IsOk, outcome.Message);
    }

    private async Task<TResult> RunAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }
}

public sealed class SqliteValueSourceTests(SqliteIndicatorFixture app) : ValueSourceTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresValueSourceTests(PostgresIndicatorFixture app) : ValueSourceTests(app), IClassFixture<PostgresIndicatorFixture>;
