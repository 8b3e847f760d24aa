using System.Globalization;

namespace Allianssi.Import.Synthetic;

/// <summary>
/// Weekly T3 snapshots: every Monday, each unit's doctors' (and one nurse's) calendars for the
/// next six weeks, one slot row per bookable time.
/// </summary>
/// <remarks>
/// Free non-urgent slots are rare before a professional's "first open day" and common after it,
/// so the third free slot lands a few days after that day. The first open day centres on the
/// unit's typical wait: about 30 days at the city's stations, and under 14 days at the alliance's
/// unit once the alliance has started (seed 000). The number of calendars depends on the unit's
/// size but is capped, so this file does not grow with the population beyond the default size.
/// </remarks>
internal static class CalendarSimulator
{
    private const int HorizonDays = 42;
    private static readonly (int Hour, int Minute, bool Urgent)[] DoctorTimes = [(8, 0, true), (9, 0, false), (10, 30, false), (13, 0, false)];
    private static readonly (int Hour, int Minute, bool Urgent)[] NurseTimes = [(8, 30, true), (12, 30, false)];

    public static void Write(GenerationOptions options, DatasetWriters w)
    {
        var r = new SyntheticRandom(options.Seed, 0xCA1E_0000_0000UL);
        var yearNoise = new SyntheticRandom(0);
        var units = TampereUnits.All;
        var staff = new List<(string Id, string Group, double WaitingList)>[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            var listed = options.Residents * units[u].Share;
            var doctors = Math.Clamp((int)Math.Round(listed / 5000), 2, 5);
            staff[u] = [];
            for (var d = 1; d <= doctors; d++)
            {
                staff[u].Add((string.Create(CultureInfo.InvariantCulture, $"{units[u].Id}-doc-{d:D2}"), "doctor", units[u].IsAlliance ? 0.0 : 0.05));
            }

            staff[u].Add(($"{units[u].Id}-nurse-01", "nurse", 0.0));
        }

        var monday = options.WindowStart;
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        for (var snapshot = monday; snapshot <= options.WindowEnd; snapshot = snapshot.AddDays(7))
        {
            for (var u = 0; u < units.Count; u++)
            {
                yearNoise.Reset(options.Seed, 0xCA1E_0001_0000UL + ((ulong)u * 10_000) + (ulong)snapshot.Year);
                var target = TypicalWait(units[u], snapshot.Year, yearNoise);
                foreach (var (id, group, waitingListShare) in staff[u])
                {
                    // Some weeks a doctor's calendar is closed and patients queue on a waiting list instead.
                    var waitingList = r.Chance(waitingListShare);
                    w.Calendars.Date(snapshot).Text(units[u].Id).Text(id).Text(group).Flag(waitingList, BooleanStyle.Digit).EndRow();
                    var firstOpen = Math.Max(0, (int)Math.Round(r.Normal(target - (group == "doctor" ? 2 : 6), 3)));
                    WriteSlots(w.Slots, r, snapshot, units[u].Id, id, group == "doctor" ? DoctorTimes : NurseTimes, firstOpen, waitingList);
                }
            }
        }
    }

    /// <summary>The unit's typical third-free-slot wait in days for a year.</summary>
    private static double TypicalWait(SyntheticUnit unit, int year, SyntheticRandom noise)
    {
        var pandemic = year is 2020 or 2021 ? 3.0 : 0.0;
        if (unit.IsAlliance)
        {
            return year < 2018 ? unit.T3BaseDays + noise.Normal(0, 1.5) : year == 2018 ? 15 + noise.Normal(0, 1) : 9 + noise.Normal(0, 1) + (pandemic / 2);
        }

        return unit.T3BaseDays + noise.Normal(0, 2) + pandemic;
    }

    private static void WriteSlots(FinnishCsvWriter slots, SyntheticRandom r, DateOnly snapshot, string unitId, string professionalId,
        (int Hour, int Minute, bool Urgent)[] times, int firstOpen, bool waitingList)
    {
        for (var day = 0; day < HorizonDays; day++)
        {
            var date = snapshot.AddDays(day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var summer = date.Month == 7;
            foreach (var (hour, minute, urgent) in times)
            {
                string status;
                if (r.Chance(summer ? 0.45 : 0.04))
                {
                    status = "blocked";
                }
                else if (urgent)
                {
                    status = r.Chance(day <= 1 ? 0.6 : 0.25) ? "free" : "booked";
                }
                else
                {
                    var free = waitingList ? 0.003 : day >= firstOpen ? 0.45 : 0.012;
                    status = r.Chance(free) ? "free" : "booked";
                }

                slots.Date(snapshot).Text(unitId).Text(professionalId)
                    .Timestamp(date.ToDateTime(new TimeOnly(hour, minute)))
                    .Text(status).Text(urgent ? "urgent" : "non_urgent").EndRow();
            }
        }
    }
}
