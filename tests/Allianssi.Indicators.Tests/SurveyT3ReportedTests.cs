namespace Allianssi.Indicators.Tests;

/// <summary>nps, partner_satisfaction, t3_doctor and the reported indicators.</summary>
public sealed class SurveyT3ReportedTests : IDisposable
{
    private readonly TestStore _s = new();

    public SurveyT3ReportedTests() => _s.Unit("u").Unit("v");

    public void Dispose() => _s.Dispose();

    [Fact]
    public void GivenNpsScores_ThenPromotersMinusDetractorsShare()
    {
        foreach (var score in new[] { 10, 9, 9, 8, 7, 6, 0, 10 })
        {
            _s.Survey("nps", "u", "2019-05-01", score);
        }

        _s.Survey("nps", "u", "2020-01-01", 0).Survey("partner", "u", "2019-05-01", 1).Survey("nps", "v", "2019-05-01", 0);
        var r = _s.Result("nps", "u", 2019);
        Assert.Equal(8, r.N);
        Assert.Equal(2, r.Numerator);
        Assert.Equal(25.0, r.Value);
        Assert.Equal(-100.0, _s.Result("nps", "v", 2019).Value);
    }

    [Fact]
    public void GivenNoNpsAnswers_ThenValueIsNull()
    {
        var r = _s.Result("nps", "u", 2019);
        Assert.Null(r.Value);
        Assert.Equal(0, r.N);
        Assert.True(r.Suppressed);
    }

    [Fact]
    public void GivenPartnerScores_ThenMean()
    {
        _s.Survey("partner", "u", "2019-01-01", 4).Survey("partner", "u", "2019-12-31", 5).Survey("partner", "u", "2019-06-01", 3)
            .Survey("partner", "u", "2018-12-31", 1).Survey("nps", "u", "2019-06-01", 10);
        var r = _s.Result("partner_satisfaction", "u", 2019);
        Assert.Equal(3, r.N);
        Assert.Equal(4.0, r.Value);
        Assert.Null(_s.Result("partner_satisfaction", "v", 2019).Value);
    }

    [Fact]
    public void GivenT3Snapshot_ThenThirdFreeNonUrgentSlotOnOrAfterSnapshotDate()
    {
        const string D = "2019-03-04";
        _s.Calendar(D, "u", "doc1")
            .Slot(D, "u", "doc1", "2019-03-03 09:00")                   // before the snapshot
            .Slot(D, "u", "doc1", "2019-03-04 08:00")                   // day 0
            .Slot(D, "u", "doc1", "2019-03-05 08:00", status: "booked")
            .Slot(D, "u", "doc1", "2019-03-06 08:00", kind: "urgent")
            .Slot(D, "u", "doc1", "2019-03-07 08:00", status: "blocked")
            .Slot(D, "u", "doc1", "2019-03-10 08:00")
            .Slot(D, "u", "doc1", "2019-03-12 10:00")
            .Slot(D, "u", "doc1", "2019-03-11 16:00");                  // inserted last, third by start: 7 days
        var r = _s.Result("t3_doctor", "u", 2019);
        Assert.Equal(7.0, r.Value);
        Assert.Equal(1, r.N);
    }

    [Fact]
    public void GivenFewerThanThreeSlots_OrWaitingList_Then182_AndEvenCountTakesMeanOfMiddleTwo()
    {
        const string D = "2019-03-04";
        _s.Calendar(D, "u", "few").Slot(D, "u", "few", "2019-03-04 08:00").Slot(D, "u", "few", "2019-03-05 08:00");
        _s.Calendar(D, "u", "wl", waitingList: true)
            .Slot(D, "u", "wl", "2019-03-04 08:00").Slot(D, "u", "wl", "2019-03-04 09:00").Slot(D, "u", "wl", "2019-03-04 10:00");
        _s.Calendar(D, "u", "fast").Slot(D, "u", "fast", "2019-03-04 08:00").Slot(D, "u", "fast", "2019-03-04 09:00").Slot(D, "u", "fast", "2019-03-05 10:00");
        _s.Calendar(D, "u", "mid").Slot(D, "u", "mid", "2019-03-05 08:00").Slot(D, "u", "mid", "2019-03-06 09:00").Slot(D, "u", "mid", "2019-03-14 10:00");
        _s.Calendar(D, "u", "nurse", group: "nurse").Slot(D, "u", "nurse", "2019-03-04 08:00");
        _s.Calendar(D, "u", "noslots");
        // snapshot T3s: few 182, wl 182, fast 1, mid 10, noslots 182 -> median of [1, 10, 182, 182, 182] = 182
        Assert.Equal(182.0, _s.Result("t3_doctor", "u", 2019).Value);

        const string E = "2019-09-02";
        _s.Calendar(E, "v", "a").Slot(E, "v", "a", "2019-09-02 08:00").Slot(E, "v", "a", "2019-09-03 08:00").Slot(E, "v", "a", "2019-09-04 08:00");
        _s.Calendar(E, "v", "b").Slot(E, "v", "b", "2019-09-02 08:00").Slot(E, "v", "b", "2019-09-03 08:00").Slot(E, "v", "b", "2019-09-07 08:00");
        var v = _s.Result("t3_doctor", "v", 2019);
        Assert.Equal(3.5, v.Value);
        Assert.Equal(2, v.N);
    }

    [Fact]
    public void GivenSeveralSnapshots_ThenMedianOfSnapshotMedians()
    {
        void Doctor(string snap, string id, int days)
        {
            var d = DateOnly.Parse(snap, System.Globalization.CultureInfo.InvariantCulture);
            _s.Calendar(snap, "u", id)
                .Slot(snap, "u", id, snap + " 08:00").Slot(snap, "u", id, snap + " 09:00")
                .Slot(snap, "u", id, d.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 10:00");
        }

        Doctor("2019-02-01", "a", 2); Doctor("2019-02-01", "b", 4);                     // 3
        Doctor("2019-05-01", "a", 10);                                                 // 10
        Doctor("2019-08-01", "a", 20); Doctor("2019-08-01", "b", 30); Doctor("2019-08-01", "c", 40); // 30
        Doctor("2020-01-02", "a", 100);                                                // other year
        var r = _s.Result("t3_doctor", "u", 2019);
        Assert.Equal(10.0, r.Value);
        Assert.Equal(6, r.N);
    }

    [Fact]
    public void GivenEvenNumberOfSnapshots_ThenMeanOfMiddleTwoSnapshotValues()
    {
        foreach (var (snap, days) in new[] { ("2019-02-01", 3), ("2019-06-01", 8) })
        {
            var d = DateOnly.Parse(snap, System.Globalization.CultureInfo.InvariantCulture);
            _s.Calendar(snap, "u", "a").Slot(snap, "u", "a", snap + " 08:00").Slot(snap, "u", "a", snap + " 09:00")
                .Slot(snap, "u", "a", d.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 10:00");
        }

        Assert.Equal(5.5, _s.Result("t3_doctor", "u", 2019).Value);
    }

    [Fact]
    public void GivenReportedValues_ThenTheYearsPublishedValue_WithNFromDenominator()
    {
        _s.Reported("ktk_4_5", "u", 2019, 77.5, 310, 400).Reported("ktk_4_5", "u", 2021, 79, null, null)
            .Reported("ktk_8_9", "u", 2019, 61.2, 3, 4);
        var r = _s.Result("ktk_4_5", "u", 2019);
        Assert.Equal(77.5, r.Value);
        Assert.Equal(400, r.N);
        Assert.False(r.Suppressed);
        var missingYear = _s.Result("ktk_4_5", "u", 2020);
        Assert.Null(missingYear.Value);
        var noDenominator = _s.Result("ktk_4_5", "u", 2021);
        Assert.Equal(79.0, noDenominator.Value);
        Assert.Null(noDenominator.N);
        Assert.False(noDenominator.Suppressed);
        var small = _s.Result("ktk_8_9", "u", 2019);
        Assert.Equal(61.2, small.Value);
        Assert.True(small.Suppressed);
        Assert.Null(_s.Result("ktk_8_9", "v", 2019).Value);
    }
}
