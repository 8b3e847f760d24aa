using System.Globalization;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// Seeded synthetic data sets for the differential test: random rows, with a large share of dates
/// placed on the clauses' edges (window ends, the day before, 364/365/366 days before the end,
/// 1 July, the period's ends) and values on the thresholds, ages 17/18/65/66 on the end date, two
/// results on one day, overlapping service periods, even numbers of doctors, waiting lists,
/// urgent and booked slots, units without any data.
/// </summary>
internal static class EdgeCaseData
{
    internal static readonly string[] Units = ["u0", "u1", "u2", "u3", "u4", "u5"];

    /// <summary>Window ends and starts of P1-P3 and the 1 July dates the clauses turn on.</summary>
    private static readonly DateOnly[] Anchors =
    [
        .. Enumerable.Range(2017, 12).SelectMany(y => new[] { new DateOnly(y, 12, 31), new DateOnly(y, 1, 1), new DateOnly(y, 7, 1) }),
        new DateOnly(2018, 4, 1), new DateOnly(2018, 3, 31), new DateOnly(2028, 3, 31),
    ];

    public static void Fill(TestStore s, int seed, int persons)
    {
        var r = new Random(seed);
        DateOnly Date()
        {
            if (r.Next(10) < 4)
            {
                var anchor = Anchors[r.Next(Anchors.Length)];
                int[] offsets = [0, 0, 1, -1, -364, -365, -366, 2, -2];
                return anchor.AddDays(offsets[r.Next(offsets.Length)]);
            }

            return new DateOnly(2016, 6, 1).AddDays(r.Next(12 * 365));
        }

        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Unit() => Units[r.Next(Units.Length - 1)]; // u5 stays without records
        T Pick<T>(params T[] items) => items[r.Next(items.Length)];

        s.Unit("u0", kind: "alliance").Unit("u1").Unit("u2").Unit("u3", kind: "private").Unit("u4", municipality: "091").Unit("u5");
        for (var i = 0; i < persons; i++)
        {
            var p = "p" + i.ToString(CultureInfo.InvariantCulture);
            string? birth;
            if (r.Next(3) == 0)
            {
                // 17/18/65/66 years old on some window's end, give or take a day.
                var end = new DateOnly(r.Next(2018, 2029), 12, 31);
                birth = Iso(end.AddYears(-Pick(17, 18, 65, 66)).AddDays(Pick(0, 0, 1, -1)));
            }
            else
            {
                birth = r.Next(15) == 0 ? null : Iso(new DateOnly(1925, 1, 1).AddDays(r.Next(95 * 365)));
            }

            s.Person(p, birth);
            for (var k = r.Next(1, 3); k > 0; k--)
            {
                var from = Date().AddYears(-r.Next(3));
                s.Listing(p, Unit(), Iso(from), r.Next(2) == 0 ? null : Iso(Date() is var to && to >= from ? to : from.AddDays(r.Next(800))));
            }

            foreach (var code in new[] { "E11.9", "E11", "I25.1", "I20.0", "I24", "I26.9", "E10.1", "I2" }.Where(_ => r.Next(5) == 0))
            {
                s.Diagnosis(p, code, Iso(Date().AddYears(-r.Next(4))));
            }

            foreach (var type in new[] { "diabetes", "coronary", "chronic", "dental", "other" }.Where(_ => r.Next(3) == 0))
            {
                s.CarePlan(p, type, Iso(Date()), r.Next(2) == 0 ? Iso(Date()) : null);
            }

            for (var k = r.Next(6); k > 0; k--)
            {
                var analyte = r.Next(2) == 0 ? "hba1c" : "ldl";
                var value = analyte == "hba1c" ? Pick(40.0, 52.9, 53.0, 53.1, 60, 48) : Pick(1.0, 1.4, 1.5, 1.8, 2.0, 2.6, 2.59, 3.1);
                var on = Iso(Date());
                s.Lab(p, analyte, value, on);
                if (r.Next(4) == 0)
                {
                    s.Lab(p, analyte, value + Pick(-0.5, 0.5, 10.0), on); // a second result on the same day
                }
            }

            for (var k = r.Next(7); k > 0; k--)
            {
                s.Visit(p, Unit(), Pick("dental", "emergency", "hospital", "specialist", "primary_care", "home_care"), Iso(Date()),
                    r.Next(6) == 0 ? null : r.Next(1, 500_000) / 100m);
            }

            if (r.Next(2) == 0)
            {
                var unit = Unit();
                for (var k = r.Next(1, 3); k > 0; k--)
                {
                    var start = Date();
                    s.ServicePeriod(p, r.Next(4) == 0 ? Unit() : unit, Pick("home_care", "service_housing"), Iso(start),
                        r.Next(3) == 0 ? null : Iso(start.AddDays(Pick(0, 1, 200, 400, 900))));
                }

                var day = Date();
                for (var k = r.Next(1, 7); k > 0; k--)
                {
                    s.Assessment(p, Pick("ADLH", "adlh", "ADLH", "CPS"), r.Next(7), Iso(day));
                    day = day.AddDays(Pick(1, 30, 90, 120, 365));
                }
            }
        }

        foreach (var unit in Units[..5])
        {
            var used = new HashSet<DateOnly>();
            for (var k = r.Next(6, 16); k > 0; k--)
            {
                var snapshot = Date();
                if (!used.Add(snapshot))
                {
                    continue;
                }

                for (var d = r.Next(0, 5); d > 0; d--)
                {
                    var professional = "d" + d.ToString(CultureInfo.InvariantCulture);
                    s.Calendar(Iso(snapshot), unit, professional, r.Next(6) == 0 ? "nurse" : "doctor", r.Next(8) == 0 ? true : r.Next(5) == 0 ? null : false);
                    var slotTimes = new HashSet<DateTime>();
                    for (var k2 = r.Next(0, 7); k2 > 0; k2--)
                    {
                        var at = snapshot.ToDateTime(new TimeOnly(8, 0)).AddDays(r.Next(-2, 40)).AddMinutes(30 * r.Next(16));
                        if (slotTimes.Add(at))
                        {
                            s.Slot(Iso(snapshot), unit, professional, at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                                Pick("free", "free", "free", "booked", "blocked"), Pick("non_urgent", "non_urgent", "urgent"));
                        }
                    }
                }
            }

            for (var k = r.Next(0, 40); k > 0; k--)
            {
                s.Survey("nps", unit, Iso(Date()), r.Next(11));
            }

            for (var k = r.Next(0, 12); k > 0; k--)
            {
                s.Survey("partner", unit, Iso(Date()), r.Next(12) == 0 ? Pick(0, 6, 7) : r.Next(1, 6)); // off the 1-5 scale now and then
            }

            foreach (var year in Enumerable.Range(2017, 12).Where(_ => r.Next(2) == 0))
            {
                s.Reported(Pick("ktk_4_5", "ktk_8_9"), unit, year, 50 + r.Next(500) / 10.0, r.Next(2) == 0 ? null : r.Next(300), r.Next(2) == 0 ? null : r.Next(1, 400));
            }
        }
    }
}
