namespace Allianssi.Indicators.Tests;

/// <summary>chronic_care_plan, clause by clause. Year 2019 of P1: end = 2019-12-31.</summary>
public sealed class ChronicCarePlanTests : IDisposable
{
    private readonly TestStore _s = new();

    public ChronicCarePlanTests() => _s.Unit("u").Unit("other");

    public void Dispose() => _s.Dispose();

    private TestStore Patient(string id, string birth = "1970-06-15", string code = "E11.9", string unit = "u")
    {
        _s.Person(id, birth).Listing(id, unit, "2015-01-01").Diagnosis(id, code, "2016-03-01");
        return _s;
    }

    [Fact]
    public void GivenAges17_18_65_66OnEnd_ThenOnly18And65AreInTheDenominator()
    {
        Patient("a17", "2002-12-31"); // turns 17 on end
        Patient("a18", "2001-12-31"); // 18 exactly on end
        Patient("a65", "1954-01-01"); // 65 on end
        Patient("a66", "1953-12-31"); // 66 exactly on end
        Patient("a17b", "2002-01-01"); // 17 on end
        _s.CarePlan("a18", "diabetes", "2019-05-01");
        var r = _s.Result("chronic_care_plan", "u", 2019);
        Assert.Equal(2, r.Denominator);
        Assert.Equal(1, r.Numerator);
        Assert.Equal(50.0, r.Value);
        Assert.Equal(2, r.N);
        Assert.True(r.Suppressed);
    }

    [Fact]
    public void GivenListingEndingTheDayBeforeEnd_ThenNotInDenominator_AndEndingOnEndIs()
    {
        _s.Person("gone", "1970-01-01").Listing("gone", "u", "2010-01-01", "2019-12-30").Diagnosis("gone", "E11", "2012-01-01");
        _s.Person("stays", "1970-01-01").Listing("stays", "u", "2010-01-01", "2019-12-31").Diagnosis("stays", "E11", "2012-01-01");
        _s.Person("new", "1970-01-01").Listing("new", "u", "2019-12-31").Diagnosis("new", "E11", "2012-01-01");
        _s.Person("future", "1970-01-01").Listing("future", "u", "2020-01-01").Diagnosis("future", "E11", "2012-01-01");
        Assert.Equal(2, _s.Result("chronic_care_plan", "u", 2019).Denominator);
    }

    [Fact]
    public void GivenDiagnosisAfterEnd_OrOtherCodes_ThenNotAPatient()
    {
        Patient("late").Diagnosis("late2", "E11", "2020-01-01");
        _s.Person("late2", "1970-01-01").Listing("late2", "u", "2015-01-01");
        _s.Person("e10", "1970-01-01").Listing("e10", "u", "2015-01-01").Diagnosis("e10", "E10.9", "2015-01-01");
        _s.Person("i26", "1970-01-01").Listing("i26", "u", "2015-01-01").Diagnosis("i26", "I26", "2015-01-01");
        _s.Person("i2", "1970-01-01").Listing("i2", "u", "2015-01-01").Diagnosis("i2", "I2", "2015-01-01");
        _s.Person("chd", "1970-01-01").Listing("chd", "u", "2015-01-01").Diagnosis("chd", "I25.1", "2019-12-31");
        _s.Person("ondate", "1970-01-01").Listing("ondate", "u", "2015-01-01").Diagnosis("ondate", "I20", "2019-12-31");
        Assert.Equal(3, _s.Result("chronic_care_plan", "u", 2019).Denominator);
    }

    [Theory]
    [InlineData("2019-01-01", null, true)]   // created 364 days before end
    [InlineData("2019-12-31", null, true)]   // created on end
    [InlineData("2018-12-31", null, false)]  // exactly 365 days old: outside
    [InlineData("2018-12-30", "2019-01-01", true)]  // old, reviewed inside
    [InlineData("2018-01-01", "2018-12-31", false)] // reviewed 365 days before end
    [InlineData("2020-01-01", null, false)]  // created after end
    public void GivenPlanDates_ThenWindowIsEndMinus365Exclusive_ToEndInclusive(string created, string? reviewed, bool counts)
    {
        Patient("p");
        _s.CarePlan("p", "diabetes", created, reviewed);
        Assert.Equal(counts ? 100.0 : 0.0, _s.Result("chronic_care_plan", "u", 2019).Value);
    }

    [Theory]
    [InlineData("diabetes", true, false)]
    [InlineData("coronary", false, true)]
    [InlineData("chronic", true, true)]
    [InlineData("dental", false, false)]
    public void GivenOneDisease_ThenThePlanMustCoverIt(string type, bool coversT2d, bool coversChd)
    {
        Patient("t2d", code: "E11.9");
        Patient("chd", code: "I21");
        _s.CarePlan("t2d", type, "2019-06-01").CarePlan("chd", type, "2019-06-01");
        var r = _s.Result("chronic_care_plan", "u", 2019);
        Assert.Equal((coversT2d ? 1 : 0) + (coversChd ? 1 : 0), r.Numerator);
    }

    [Fact]
    public void GivenBothDiseases_ThenPlansMustCoverBoth()
    {
        Patient("only_dia", code: "E11").Diagnosis("only_dia", "I25", "2017-01-01");
        _s.CarePlan("only_dia", "diabetes", "2019-06-01");
        Patient("dia_cor", code: "E11").Diagnosis("dia_cor", "I25", "2017-01-01");
        _s.CarePlan("dia_cor", "diabetes", "2019-06-01").CarePlan("dia_cor", "coronary", "2019-02-01", "2019-03-01");
        Patient("chronic", code: "E11").Diagnosis("chronic", "I25", "2017-01-01");
        _s.CarePlan("chronic", "chronic", "2019-06-01");
        Patient("none", code: "E11").Diagnosis("none", "I25", "2017-01-01");
        var r = _s.Result("chronic_care_plan", "u", 2019);
        Assert.Equal(4, r.Denominator);
        Assert.Equal(2, r.Numerator);
        Assert.Equal(50.0, r.Value);
    }

    [Fact]
    public void GivenCarePlanAtAnotherUnit_ThenItStillCounts()
    {
        Patient("p");
        _s.CarePlan("p", "diabetes", "2019-06-01", unit: "other");
        Assert.Equal(100.0, _s.Result("chronic_care_plan", "u", 2019).Value);
    }

    [Fact]
    public void GivenNoPatients_ThenEveryUnitHasARowWithNullValue()
    {
        Patient("p", unit: "u");
        var results = _s.Compute("chronic_care_plan", 2019);
        Assert.Equal(["other", "u"], results.Select(r => r.Unit));
        var other = results.Single(r => r.Unit == "other");
        Assert.Null(other.Value);
        Assert.Equal(0, other.Denominator);
        Assert.Equal(0, other.N);
        Assert.True(other.Suppressed);
    }

    [Fact]
    public void GivenPersonWithoutBirthDate_ThenNotInDenominator()
    {
        Patient("p", birth: "1970-01-01");
        _s.Person("nobirth", null).Listing("nobirth", "u", "2015-01-01").Diagnosis("nobirth", "E11", "2015-01-01");
        Assert.Equal(1, _s.Result("chronic_care_plan", "u", 2019).Denominator);
    }
}
