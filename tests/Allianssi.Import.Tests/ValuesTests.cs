using Allianssi.Import.Text;

namespace Allianssi.Import.Tests;

public sealed class ValuesTests
{
    [Theory]
    [InlineData("2018-04-01", 2018, 4, 1)]
    [InlineData("1.4.2018", 2018, 4, 1)]
    [InlineData("01.04.2018", 2018, 4, 1)]
    [InlineData(" 29.2.2020 ", 2020, 2, 29)]
    [InlineData("2018-04-01T00:00", 2018, 4, 1)]
    public void GivenADate_ThenItParses(string text, int y, int m, int d)
    {
        Assert.True(Values.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("29.2.2019")]
    [InlineData("2018-4-1")]
    [InlineData("1.4.18")]
    [InlineData("2018-04-01T10:00")]
    [InlineData("")]
    public void GivenANonDate_ThenItIsRefused(string text) => Assert.False(Values.TryParseDate(text, out _));

    [Theory]
    [InlineData("2018-04-01T08:30", 8, 30, 0)]
    [InlineData("2018-04-01T08:30:15", 8, 30, 15)]
    [InlineData("1.4.2018 8:30", 8, 30, 0)]
    [InlineData("01.04.2018 08:30", 8, 30, 0)]
    public void GivenATimestamp_ThenItParses(string text, int h, int min, int s)
    {
        Assert.True(Values.TryParseTimestamp(text, out var t));
        Assert.Equal(new DateTime(2018, 4, 1, h, min, s), t);
    }

    [Theory]
    [InlineData("1 234,56", 1234.56)]
    [InlineData("1\u00A0234,56", 1234.56)]
    [InlineData("1\u202F234.56", 1234.56)]
    [InlineData("-0,5", -0.5)]
    [InlineData("\u221212", -12)]
    [InlineData("7", 7)]
    public void GivenANumber_ThenItParses(string text, double expected)
    {
        Assert.True(Values.TryParseDecimal(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1,234.5")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("")]
    public void GivenANonNumber_ThenItIsRefused(string text) => Assert.False(Values.TryParseDecimal(text, out _));

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("Kyllä", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("EI", false)]
    [InlineData("No", false)]
    public void GivenABoolean_ThenItParses(string text, bool expected)
    {
        Assert.True(Values.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }
}
