namespace Allianssi.Import.Synthetic;

/// <summary>
/// Counts accumulated while persons stream past (fixed size: years × units × age groups × sex),
/// written at the end as the population dataset and as School Health Promotion denominators.
/// </summary>
internal sealed class AreaTallies
{
    private readonly int _fromYear;
    private readonly int _years;
    private readonly int _units;
    private readonly int _groups = Demography.AgeGroups.Count;
    private readonly long[] _population; // [year][area: 0 = municipality, 1 + unit][group][sex]
    private readonly long[] _pupils; // [year][unit][0 = grades 4-5, 1 = grades 8-9]

    public AreaTallies(int fromYear, int toYear, int units)
    {
        _fromYear = fromYear;
        _years = toYear - fromYear + 1;
        _units = units;
        _population = new long[_years * (units + 1) * _groups * 2];
        _pupils = new long[_years * units * 2];
    }

    /// <summary>A resident on 31 December of <paramref name="year"/>.</summary>
    public void CountResident(int year, int unit, int ageAtYearEnd, bool male, int birthYear)
    {
        var y = year - _fromYear;
        var group = Demography.AgeGroupIndex(ageAtYearEnd);
        var sex = male ? 0 : 1;
        _population[PopulationIndex(y, 0, group, sex)]++;
        _population[PopulationIndex(y, unit + 1, group, sex)]++;

        // Spring term of the year: grades 4-5 were born year-11 and year-10, grades 8-9 year-15 and year-14.
        var age = year - birthYear;
        if (age is 10 or 11)
        {
            _pupils[(((y * _units) + unit) * 2) + 0]++;
        }
        else if (age is 14 or 15)
        {
            _pupils[(((y * _units) + unit) * 2) + 1]++;
        }
    }

    private int PopulationIndex(int y, int area, int group, int sex) => (((((y * (_units + 1)) + area) * _groups) + group) * 2) + sex;

    public long Population(int year, int area, int group, bool male) =>
        _population[PopulationIndex(year - _fromYear, area, group, male ? 0 : 1)];

    public long Pupils(int year, int unit, bool upperGrades) =>
        _pupils[((((year - _fromYear) * _units) + unit) * 2) + (upperGrades ? 1 : 0)];
}
