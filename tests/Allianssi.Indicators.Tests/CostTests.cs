namespace Allianssi.Indicators.Tests;

/// <summary>acuta_cost_per_client, hospital_cost_per_client and specialist_cost_change.</summary>
public sealed class CostTests : IDisposable
{
    private readonly TestStore _s = new();

    public CostTests() => _s.Unit("u").Unit("m2").Unit("elsewhere", municipality: "091");

    public void Dispose() => _s.Dispose();

    [Fact]
    public void GivenServiceClients_ThenOnlyVisitsInsideWindowAndServicePeriodCount()
    {
        _s.ServicePeriod("a", "u", "home_care", "2019-03-01", "2019-06-30")
            .Visit("a", "acuta", "emergency", "2019-02-28", 1000m)   // before the period
            .Visit("a", "acuta", "emergency", "2019-03-01", 100m)
            .Visit("a", "acuta", "emergency", "2019-06-30", 200m)
            .Visit("a", "acuta", "emergency", "2019-07-01", 1000m)   // after the period
            .Visit("a", "tays", "hospital", "2019-04-01", 5000m);
        _s.ServicePeriod("b", "u", "service_housing", "2018-01-01")
            .Visit("b", "acuta", "emergency", "2018-12-31", 1000m)   // before the window
            .Visit("b", "acuta", "emergency", "2019-12-31", 300m)
            .Visit("b", "acuta", "emergency", "2019-05-01", null);
        _s.ServicePeriod("c", "u", "home_care", "2019-01-01");        // client without visits
        _s.ServicePeriod("gone", "u", "home_care", "2017-01-01", "2018-12-31").Visit("gone", "acuta", "emergency", "2019-03-01", 1000m);
        var acuta = _s.Result("acuta_cost_per_client", "u", 2019);
        Assert.Equal(3, acuta.N);
        Assert.Equal(600.0, acuta.Numerator);
        Assert.Equal(200.0, acuta.Value);
        var hospital = _s.Result("hospital_cost_per_client", "u", 2019);
        Assert.Equal(5000.0 / 3, hospital.Value);
    }

    [Fact]
    public void GivenOverlappingPeriods_ThenAVisitCountsOnce()
    {
        _s.ServicePeriod("a", "u", "home_care", "2019-01-01", "2019-08-31")
            .ServicePeriod("a", "u", "service_housing", "2019-06-01")
            .Visit("a", "acuta", "emergency", "2019-07-01", 250m);
        var r = _s.Result("acuta_cost_per_client", "u", 2019);
        Assert.Equal(1, r.N);
        Assert.Equal(250.0, r.Value);
    }

    [Fact]
    public void GivenClientsOfTwoUnits_ThenEachUnitCountsVisitsInsideItsOwnPeriods()
    {
        _s.ServicePeriod("a", "u", "home_care", "2019-01-01", "2019-05-31")
            .ServicePeriod("a", "m2", "home_care", "2019-06-01")
            .Visit("a", "acuta", "emergency", "2019-03-01", 100m)
            .Visit("a", "acuta", "emergency", "2019-09-01", 400m);
        Assert.Equal(100.0, _s.Result("acuta_cost_per_client", "u", 2019).Value);
        Assert.Equal(400.0, _s.Result("acuta_cost_per_client", "m2", 2019).Value);
        Assert.Null(_s.Result("acuta_cost_per_client", "elsewhere", 2019).Value);
    }

    [Fact]
    public void GivenSpecialistCosts_ThenValueIsUnitChangeMinusMunicipalChange()
    {
        // Baseline 2017 (the year before P1 starts), listings on 1 July. u 2017: a, c (1000 + 0) -> 500/client;
        // u 2019: a, b (700 + 500) -> 600/client: +20 %. m2 2017: b, d (0 + 1000) -> 500; m2 2019: c (1000): +100 %.
        // Municipality 837 (u + m2): 2017 a, b, c, d 2000/4 = 500; 2019 a, b, c 2200/3: +46.67 %.
        // u = 20 - 46.67 = -26.67 pp; m2 = 100 - 46.67 = 53.33 pp; "elsewhere" is another municipality.
        _s.Person("a", "1970-01-01").Listing("a", "u", "2010-01-01")
            .Visit("a", "tays", "specialist", "2017-01-01", 400m).Visit("a", "tays", "hospital", "2017-12-31", 600m)
            .Visit("a", "tays", "emergency", "2019-05-01", 700m).Visit("a", "tays", "primary_care", "2019-05-01", 9999m);
        _s.Person("b", "1970-01-01").Listing("b", "u", "2019-07-01").Listing("b", "m2", "2010-01-01", "2019-06-30")
            .Visit("b", "tays", "specialist", "2019-02-01", 500m).Visit("b", "tays", "specialist", "2020-01-01", 9999m);
        _s.Person("c", "1970-01-01").Listing("c", "u", "2010-01-01", "2018-12-31").Listing("c", "m2", "2019-01-01")
            .Visit("c", "tays", "specialist", "2019-03-01", 1000m);
        _s.Person("d", "1970-01-01").Listing("d", "m2", "2010-01-01", "2018-12-31").Visit("d", "tays", "specialist", "2017-03-01", 1000m);
        _s.Person("e", "1970-01-01").Listing("e", "elsewhere", "2010-01-01").Visit("e", "tays", "specialist", "2019-03-01", 50000m);
        var r = _s.Result("specialist_cost_change", "u", 2019);
        Assert.Equal(2, r.N);
        Assert.Equal(1200.0, r.Numerator);
        Assert.Equal(20.0 - (2200.0 / 3 / 500 - 1) * 100, r.Value!.Value, 9);
        Assert.Equal(2017L, r.Parameters["baselineYear"]);
        var m2 = _s.Result("specialist_cost_change", "m2", 2019);
        Assert.Equal(1, m2.N);
        Assert.Equal(100.0 - (2200.0 / 3 / 500 - 1) * 100, m2.Value!.Value, 9);
        Assert.Null(_s.Result("specialist_cost_change", "elsewhere", 2019).Value);
    }

    [Fact]
    public void GivenNoBaselineCost_ThenValueIsNull()
    {
        _s.Person("a", "1970-01-01").Listing("a", "u", "2010-01-01").Visit("a", "tays", "specialist", "2019-01-01", 400m);
        var r = _s.Result("specialist_cost_change", "u", 2019);
        Assert.Null(r.Value);
        Assert.Equal(1, r.N);
        Assert.Equal(0, _s.Result("specialist_cost_change", "m2", 2019).N);
    }
}
