using Allianssi.Import.Units;

namespace Allianssi.Import.Tests;

public sealed class LabUnitTests
{
    [Theory]
    [InlineData("4548-4", "%", 6.5, 47.5412, "mmol/mol", "hba1c")]
    [InlineData("59261-8", "mmol/mol", 53, 53, "mmol/mol", "hba1c")]
    [InlineData("22748-8", "mmol/l", 2.6, 2.6, "mmol/l", "ldl")]
    [InlineData("18262-6", "mg/dl", 100, 2.586, "mmol/l", "ldl")]
    [InlineData("13457-7", "MG/DL", 38.67, 1, "mmol/l", "ldl")]
    public void GivenAKnownAnalyte_ThenTheValueIsInTheCanonicalUnit(string code, string unit, double value, double expected, string canonical, string analyte)
    {
        Assert.True(LabUnits.TryConvert(code, unit, value, out var result));
        Assert.Equal(expected, result.Value, 3);
        Assert.Equal((canonical, analyte), (result.Unit, result.Analyte));
    }

    [Fact]
    public void GivenAnUnknownUnitForAKnownAnalyte_ThenItIsRefused() => Assert.False(LabUnits.TryConvert("4548-4", "g/l", 6.5, out _));

    [Fact]
    public void GivenALabFile_ThenStoredValuesAreConvertedAndAnalyteFilled()
    {
        using var fixture = new ImportFixture();
        var person = TestHetu.Make(new DateOnly(1955, 5, 5), 909);
        var result = fixture.Import("lab_results", $"person_id;test_code;value;unit;sampled_on;result_id\n{person};4548-4;7,0;%;1.4.2024;L1\n{person};18262-6;116;mg/dl;1.4.2024;L2\n{person};2345-7;5,5;mmol/l;1.4.2024;L3\n");
        Assert.Equal(3, result.Accepted);
        var rows = fixture.Rows("SELECT result_id, value, unit, analyte FROM lab_results ORDER BY result_id");
        Assert.Equal(53.0056, (double)rows[0][1]!, 3);
        Assert.Equal(("mmol/mol", "hba1c"), ((string)rows[0][2]!, (string)rows[0][3]!));
        Assert.Equal(3.0, (double)rows[1][1]!, 2);
        Assert.Null(rows[2][3]);
    }
}
