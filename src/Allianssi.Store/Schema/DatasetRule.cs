namespace Allianssi.Store.Schema;

/// <summary>
/// A rule of one dataset over several of its columns, addressed by column name. The description declares it
/// (<see cref="Datasets"/>); the parser applies it after a row's columns have been parsed one by one, in the order the
/// dataset lists its rules.
/// </summary>
public abstract record DatasetRule
{
    /// <summary>The columns the rule reads or writes.</summary>
    public abstract IEnumerable<string> Columns { get; }
}

/// <summary>
/// Empty columns are filled from a valid henkilötunnus in the person identifier column: the birth date and the sex it
/// encodes (the identifier itself is pseudonymised).
/// </summary>
/// <param name="BirthDate">The date column to fill.</param>
/// <param name="Sex">The sex column to fill.</param>
public sealed record FillFromIdentifier(string BirthDate, string Sex) : DatasetRule
{
    /// <inheritdoc/>
    public override IEnumerable<string> Columns => [BirthDate, Sex];
}

/// <summary>
/// A laboratory value is converted to its test's canonical unit (<c>Units/LabUnits</c>): the value and unit columns
/// are rewritten and the analyte is derived; a unit that cannot be converted for the test rejects the row on the unit
/// column.
/// </summary>
public sealed record ConvertLabUnit(string TestCode, string Value, string Unit, string Analyte) : DatasetRule
{
    /// <inheritdoc/>
    public override IEnumerable<string> Columns => [TestCode, Value, Unit, Analyte];
}

/// <summary>
/// When <paramref name="CodeColumn"/> holds <paramref name="Code"/>, the number in <paramref name="ValueColumn"/> must
/// lie within <paramref name="Min"/>..<paramref name="Max"/>; else the row is rejected on the value column with
/// <paramref name="Message"/>.
/// </summary>
public sealed record RangeForCode(string CodeColumn, string Code, string ValueColumn, double Min, double Max, string Message) : DatasetRule
{
    /// <inheritdoc/>
    public override IEnumerable<string> Columns => [CodeColumn, ValueColumn];
}

/// <summary>The date in <paramref name="End"/>, when given, is not earlier than the one in <paramref name="Start"/>.</summary>
public sealed record EndNotBeforeStart(string Start, string End) : DatasetRule
{
    /// <inheritdoc/>
    public override IEnumerable<string> Columns => [Start, End];
}
