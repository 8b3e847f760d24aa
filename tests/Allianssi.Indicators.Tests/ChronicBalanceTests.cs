namespace Allianssi.Indicators.Tests;

/// <summary>chronic_balance, clause by clause. Year 2019 of P1 (end 2019-12-31, LDL CHD limit 1.8) and 2022 of P2 (1.4).</summary>
public sealed class ChronicBalanceTests : IDisposable
{
    private readonly TestStore _s = new();

    public ChronicBalanceTests() => _s.Unit("u");

    public void Dispose() => _s.Dispose();

    private TestStore Patient(string id, params string[] codes)
    {
        _s.Person(id, "1970-06-15").Listing(id, "u", "2015-01-01");
        foreach (var code in codes)
        {
            _s.Diagnosis(id, code, "2016-03-01");
        }

        return _s;
    }

    private bool InBalance(int year = 2019, TestStore.PeriodChoice period = TestStore.PeriodChoice.P1) =>
        _s.Result("chronic_balance", "u", year, period == TestStore.PeriodChoice.P1 ? TestStore.P1 : TestStore.P2).Value == 100.0;

    [Fact]
    public void GivenT2dBelowBothLimits_ThenInBalance()
    {
        Patient("p", "E11.9").Lab("p", "hba1c", 52.9, "2019-06-01").Lab("p", "ldl", 2.59, "2019-06-01");
        Assert.True(InBalance());
    }

    [Theory]
    [InlineData(53.0, 2.0)]
    [InlineData(40.0, 2.6)]
    public void GivenT2dAtALimit_ThenNotInBalance(double hba1c, double ldl)
    {
        Patient("p", "E11.9").Lab("p", "hba1c", hba1c, "2019-06-01").Lab("p", "ldl", ldl, "2019-06-01");
        Assert.False(InBalance());
    }

    [Fact]
    public void GivenT2dWithMissingLdl_ThenNotInBalance()
    {
        Patient("p", "E11.9").Lab("p", "hba1c", 40, "2019-06-01");
        var r = _s.Result("chronic_balance", "u", 2019);
        Assert.Equal(1, r.Denominator);
        Assert.Equal(0.0, r.Value);
    }

    [Theory]
    [InlineData("2019-01-01", true)]  // 364 days old: inside
    [InlineData("2018-12-31", false)] // 365 days old: outside
    [InlineData("2018-12-30", false)] // 366 days old
    public void GivenResultAge_ThenOnlyWithin365DaysCounts(string sampled, bool inBalance)
    {
        Patient("p", "I25").Lab("p", "ldl", 1.0, sampled);
        Assert.Equal(inBalance, InBalance());
    }

    [Fact]
    public void GivenResultAfterEnd_ThenIgnored_AndEarlierLatestDecides()
    {
        Patient("p", "I25").Lab("p", "ldl", 1.0, "2019-03-01").Lab("p", "ldl", 3.0, "2020-01-01");
        Assert.True(InBalance());
    }

    [Fact]
    public void GivenLatestResultAboveLimit_ThenEarlierGoodResultDoesNotHelp()
    {
        Patient("p", "I25").Lab("p", "ldl", 1.0, "2019-03-01").Lab("p", "ldl", 2.0, "2019-11-01");
        Assert.False(InBalance());
    }

    [Fact]
    public void GivenTwoResultsOnTheLatestDate_ThenTheHighestValueCounts()
    {
        Patient("p", "I25").Lab("p", "ldl", 1.0, "2019-11-01").Lab("p", "ldl", 1.9, "2019-11-01");
        Assert.False(InBalance());
        Patient("q", "I25").Lab("q", "ldl", 1.0, "2019-11-01").Lab("q", "ldl", 1.7, "2019-11-01");
        Assert.Equal(50.0, _s.Result("chronic_balance", "u", 2019).Value);
    }

    [Fact]
    public void GivenChdLdl1_5_ThenInBalanceInP1ButNotFrom2022()
    {
        Patient("p", "I21.0").Lab("p", "ldl", 1.5, "2019-06-01").Lab("p", "ldl", 1.5, "2022-06-01");
        Assert.True(InBalance(2019));
        Assert.False(InBalance(2022, TestStore.PeriodChoice.P2));
    }

    [Fact]
    public void GivenChdWithoutHbA1c_ThenHbA1cIsNotNeeded()
    {
        Patient("p", "I21").Lab("p", "ldl", 1.0, "2019-06-01");
        Assert.True(InBalance());
    }

    [Fact]
    public void GivenBothDiseases_ThenMustMeetBoth()
    {
        Patient("ok", "E11", "I25").Lab("ok", "hba1c", 50, "2019-06-01").Lab("ok", "ldl", 1.7, "2019-06-01");
        Patient("ldl_t2d_only", "E11", "I25").Lab("ldl_t2d_only", "hba1c", 50, "2019-06-01").Lab("ldl_t2d_only", "ldl", 2.0, "2019-06-01");
        Patient("no_hba1c", "E11", "I25").Lab("no_hba1c", "ldl", 1.0, "2019-06-01");
        Patient("nothing", "E11", "I25");
        var r = _s.Result("chronic_balance", "u", 2019);
        Assert.Equal(4, r.Denominator);
        Assert.Equal(1, r.Numerator);
        Assert.Equal(25.0, r.Value);
    }

    [Fact]
    public void GivenParameterOverride_ThenItWinsAndIsRecorded()
    {
        Patient("p", "I25").Lab("p", "ldl", 1.5, "2019-06-01");
        var r = _s.Compute("chronic_balance", 2019, parameters: new Dictionary<string, object> { ["ldlChdMax"] = 1.4 }).Single();
        Assert.Equal(0.0, r.Value);
        Assert.Equal(1.4, r.Parameters["ldlChdMax"]);
        Assert.Equal(53.0, r.Parameters["hba1cMax"]);
        Assert.Equal(1, r.DefinitionVersion);
    }
}
