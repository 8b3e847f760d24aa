using System.Globalization;

namespace Allianssi.Import.Synthetic;

/// <summary>The datasets written after the persons: population, School Health Promotion values, partner survey.</summary>
internal static class AggregateWriter
{
    /// <summary>
    /// Residents on 31 December per year, age group and sex, Tampere's by each unit's listed area. The rows of a
    /// municipality partition it (every resident is in exactly one row), so their sum is its population: the
    /// organiser's invoicing sums every row of a member (spec section 4), and a municipality-total row beside the
    /// area rows would count Tampere twice.
    /// </summary>
    public static void WritePopulation(GenerationOptions options, AreaTallies tallies, FinnishCsvWriter population)
    {
        var units = TampereUnits.All;
        for (var year = options.FromYear; year <= options.ToYear; year++)
        {
            for (var area = 1; area <= units.Count; area++)
            {
                for (var group = 0; group < Demography.AgeGroups.Count; group++)
                {
                    foreach (var male in (bool[])[true, false])
                    {
                        population.Whole(year).Text(TampereUnits.MunicipalityCode).Text(Demography.AgeGroups[group].Label)
                            .Text(male ? "M" : "F").Whole(tallies.Population(year, area, group, male)).Text(units[area - 1].Id);
                        population.EndRow();
                    }
                }
            }

            // The organiser's other member municipalities (issue 14: invoicing shares the overhead by population):
            // municipality-level rows only, Tampere's age-sex structure scaled to their size relative to Tampere.
            foreach (var (code, share) in NeighbourMunicipalities)
            {
                for (var group = 0; group < Demography.AgeGroups.Count; group++)
                {
                    foreach (var male in (bool[])[true, false])
                    {
                        var count = (int)Math.Round(tallies.Population(year, 0, group, male) * share, MidpointRounding.AwayFromZero);
                        population.Whole(year).Text(code).Text(Demography.AgeGroups[group].Label).Text(male ? "M" : "F").Whole(count).Empty();
                        population.EndRow();
                    }
                }
            }
        }
    }

    /// <summary>Pirkkala (604) and Ylöjärvi (980), about 8 % and 13 % of Tampere's population.</summary>
    private static readonly (string Code, double Share)[] NeighbourMunicipalities = [("604", 0.08), ("980", 0.13)];

    /// <summary>
    /// Kouluterveyskysely (School Health Promotion study) results, published in even years only:
    /// the share (%) of pupils answering well, per unit's area, with the responding pupils as denominator.
    /// </summary>
    public static void WriteSchoolHealth(GenerationOptions options, AreaTallies tallies, FinnishCsvWriter reported)
    {
        var units = TampereUnits.All;
        var r = new SyntheticRandom(options.Seed, 0x5C00_0000_0000UL);
        for (var year = options.FromYear; year <= options.ToYear; year++)
        {
            if (year % 2 != 0)
            {
                continue;
            }

            for (var u = 0; u < units.Count; u++)
            {
                foreach (var upper in (bool[])[false, true])
                {
                    var trend = units[u].IsAlliance && year >= 2018 ? 0.8 * ((year - 2016) / 2) : 0;
                    var expected = (upper ? 64.5 : 74.5) + trend + r.Normal(0, 1.5);
                    var pupils = tallies.Pupils(year, u, upper);
                    var respondents = (long)Math.Round(pupils * (0.72 + (0.1 * r.NextDouble())));
                    reported.Text(upper ? "ktk_8_9" : "ktk_4_5").Text(units[u].Id).Whole(year);
                    if (respondents > 0)
                    {
                        var numerator = (long)Math.Round(respondents * Math.Clamp(expected, 0, 100) / 100);
                        reported.Number(100.0 * numerator / respondents, 1).Whole(numerator).Whole(respondents);
                    }
                    else
                    {
                        reported.Number(expected, 1).Empty().Empty();
                    }

                    reported.Text(string.Create(CultureInfo.InvariantCulture, $"THL Kouluterveyskysely {year}, {(upper ? "8.-9." : "4.-5.")} lk")).EndRow();
                }
            }
        }
    }

    /// <summary>The yearly partner questionnaire (1-5) per unit; returns the last response number used.</summary>
    public static long WritePartnerSurvey(GenerationOptions options, FinnishCsvWriter responses, long lastResponse)
    {
        var units = TampereUnits.All;
        var r = new SyntheticRandom(options.Seed, 0x9A27_0000_0000UL);
        for (var year = options.FromYear; year <= options.ToYear; year++)
        {
            for (var u = 0; u < units.Count; u++)
            {
                var mean = units[u].IsAlliance && year >= 2018 ? 4.1 : 3.6;
                for (var n = 12 + r.Next(18); n > 0; n--)
                {
                    var score = Math.Clamp((int)Math.Round(r.Normal(mean, 0.8)), 1, 5);
                    var on = new DateOnly(year, 10, 1).AddDays(r.Next(61));
                    responses.Id("R", ++lastResponse).Text("partner").Text(units[u].Id).Date(on).Whole(score).Empty().EndRow();
                }
            }
        }

        return lastResponse;
    }
}
