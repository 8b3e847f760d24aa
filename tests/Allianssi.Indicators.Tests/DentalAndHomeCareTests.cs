namespace Allianssi.Indicators.Tests;

/// <summary>dental_care_plan and home_care_function. Year 2019 of P1 (window 2019-01-01..2019-12-31).</summary>
public sealed class DentalAndHomeCareTests : IDisposable
{
    private readonly TestStore _s = new();

    public DentalAndHomeCareTests() => _s.Unit("u").Unit("other");

    public void Dispose() => _s.Dispose();

    [Fact]
    public void GivenDentalVisitors_ThenAdultsWithAVisitAtUInTheWindowAreTheDenominator()
    {
        _s.Person("adult", "2001-12-31").Visit("adult", "u", "dental", "2019-03-01");       // 18 on end
        _s.Person("minor", "2002-01-01").Visit("minor", "u", "dental", "2019-03-01");       // 17 on end
        _s.Person("elsewhere", "1970-01-01").Visit("elsewhere", "other", "dental", "2019-03-01");
        _s.Person("lastyear", "1970-01-01").Visit("lastyear", "u", "dental", "2018-12-31");
        _s.Person("gp", "1970-01-01").Visit("gp", "u", "primary_care", "2019-03-01");
        _s.Person("twice", "1970-01-01").Visit("twice", "u", "dental", "2019-01-01").Visit("twice", "u", "dental", "2019-12-31");
        _s.CarePlan("twice", "dental", "2019-02-01", unit: "other");
        _s.CarePlan("adult", "chronic", "2019-02-01");
        var r = _s.Result("dental_care_plan", "u", 2019);
        Assert.Equal(2, r.Denominator);
        Assert.Equal(1, r.Numerator);
        Assert.Equal(50.0, r.Value);
        Assert.Equal(1, _s.Result("dental_care_plan", "other", 2019).Denominator);
    }

    [Theory]
    [InlineData("2019-01-01", null, true)]
    [InlineData("2018-12-31", null, false)]
    [InlineData("2017-05-01", "2019-12-31", true)]
    [InlineData("2017-05-01", "2018-12-31", false)]
    public void GivenDentalPlanDates_ThenThe365DayWindowApplies(string created, string? reviewed, bool counts)
    {
        _s.Person("p", "1970-01-01").Visit("p", "u", "dental", "2019-03-01").CarePlan("p", "dental", created, reviewed);
        Assert.Equal(counts ? 100.0 : 0.0, _s.Result("dental_care_plan", "u", 2019).Value);
    }

    [Fact]
    public void GivenFirstYearOfP1_ThenTheVisitWindowStartsWithThePeriod()
    {
        _s.Person("march", "1970-01-01").Visit("march", "u", "dental", "2018-03-31");
        _s.Person("april", "1970-01-01").Visit("april", "u", "dental", "2018-04-01");
        var r = _s.Result("dental_care_plan", "u", 2018);
        Assert.Equal(1, r.Denominator);
        Assert.Equal(new DateOnly(2018, 4, 1), r.WindowStart);
    }

    [Fact]
    public void GivenHomeCareClients_ThenTwoAdlhInWindowNeeded_AndLastLessOrEqualFirstCounts()
    {
        _s.ServicePeriod("better", "u", "home_care", "2017-01-01")
            .Assessment("better", "ADLH", 4, "2019-02-01").Assessment("better", "ADLH", 5, "2019-05-01").Assessment("better", "ADLH", 3, "2019-11-01");
        _s.ServicePeriod("same", "u", "home_care", "2019-06-01", "2019-07-01")
            .Assessment("same", "ADLH", 2, "2019-02-01").Assessment("same", "ADLH", 2, "2019-10-01");
        _s.ServicePeriod("worse", "u", "home_care", "2018-01-01", "2019-01-01")
            .Assessment("worse", "ADLH", 2, "2019-11-01").Assessment("worse", "ADLH", 1, "2019-01-01").Assessment("worse", "ADLH", 0, "2018-12-01");
        _s.ServicePeriod("one", "u", "home_care", "2017-01-01").Assessment("one", "ADLH", 2, "2019-02-01").Assessment("one", "ADLH", 1, "2020-01-01");
        _s.ServicePeriod("cps", "u", "home_care", "2017-01-01").Assessment("cps", "CPS", 2, "2019-02-01").Assessment("cps", "CPS", 1, "2019-03-01");
        _s.ServicePeriod("ended", "u", "home_care", "2017-01-01", "2018-12-31").Assessment("ended", "ADLH", 2, "2019-02-01").Assessment("ended", "ADLH", 1, "2019-03-01");
        _s.ServicePeriod("housing", "u", "service_housing", "2017-01-01").Assessment("housing", "ADLH", 2, "2019-02-01").Assessment("housing", "ADLH", 1, "2019-03-01");
        var r = _s.Result("home_care_function", "u", 2019);
        Assert.Equal(3, r.Denominator);
        Assert.Equal(2, r.Numerator);
        Assert.Equal(200.0 / 3, r.Value);
    }

    [Fact]
    public void GivenHomeCareClientWithOneAssessment_ThenEmptyDenominatorGivesNull()
    {
        _s.ServicePeriod("one", "u", "home_care", "2017-01-01").Assessment("one", "ADLH", 2, "2019-02-01");
        var r = _s.Result("home_care_function", "u", 2019);
        Assert.Null(r.Value);
        Assert.Equal(0, r.N);
    }
}
