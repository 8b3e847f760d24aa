namespace Allianssi.Import.Synthetic;

/// <summary>
/// The synthetic population's age and sex structure and the rates that depend on age:
/// a Tampere-like pyramid (many young adults), Gompertz mortality and the prevalence of type 2
/// diabetes (about 7 % of adults) and coronary heart disease (about 4 %).
/// </summary>
public static class Demography
{
    /// <summary>Age groups of the population dataset (lower bounds; the last is open).</summary>
    public static IReadOnlyList<(int From, string Label)> AgeGroups { get; } =
    [
        (0, "0-6"), (7, "7-17"), (18, "18-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"),
        (55, "55-64"), (65, "65-74"), (75, "75-84"), (85, "85+"),
    ];

    // Shares (%) of five-year age bands 0-4 ... 100-104, after Tampere's published structure.
    private static readonly double[] BandShares =
    [
        4.4, 4.6, 4.9, 5.3, 8.9, 9.6, 8.2, 7.0, 6.2, 5.5, 5.8, 5.9, 5.9, 5.6, 5.5, 4.3, 2.6, 1.5, 0.7, 0.2, 0.03,
    ];

    private static readonly double[] CumulativeBands = Cumulate(BandShares);

    private static double[] Cumulate(double[] weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }

    /// <summary>An age in completed years at the window's end.</summary>
    public static int SampleAge(SyntheticRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var band = random.Pick(CumulativeBands);
        return (band * 5) + random.Next(5);
    }

    /// <summary>Probability of being female at an age (women live longer).</summary>
    public static double FemaleShare(int age) => age switch
    {
        < 20 => 0.488,
        < 65 => 0.500,
        < 80 => 0.545,
        < 90 => 0.625,
        _ => 0.730,
    };

    /// <summary>Probability of dying within a year at an age (Gompertz, Finnish-like).</summary>
    public static double AnnualMortality(int age) => age < 1 ? 0.002 : Math.Min(0.45, 2.27e-5 * Math.Exp(0.0977 * age));

    /// <summary>Probability of having had type 2 diabetes diagnosed by an age.</summary>
    public static double DiabetesPrevalence(int age) => age switch
    {
        < 18 => 0.0,
        < 30 => 0.004,
        < 40 => 0.013,
        < 50 => 0.037,
        < 60 => 0.085,
        < 70 => 0.145,
        < 80 => 0.185,
        _ => 0.185,
    };

    /// <summary>Probability of having had coronary heart disease diagnosed by an age.</summary>
    public static double CoronaryPrevalence(int age) => age switch
    {
        < 18 => 0.0,
        < 45 => 0.001,
        < 55 => 0.012,
        < 65 => 0.032,
        < 75 => 0.090,
        < 85 => 0.170,
        _ => 0.220,
    };

    /// <summary>The population dataset's age group index of an age.</summary>
    public static int AgeGroupIndex(int age)
    {
        for (var i = AgeGroups.Count - 1; i > 0; i--)
        {
            if (age >= AgeGroups[i].From)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Completed years at a date.</summary>
    public static int AgeAt(DateOnly birthDate, DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        if (date.Month < birthDate.Month || (date.Month == birthDate.Month && date.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }
}
