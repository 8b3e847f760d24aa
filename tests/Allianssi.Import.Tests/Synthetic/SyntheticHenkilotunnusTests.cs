using Allianssi.Import.Synthetic;

namespace Allianssi.Import.Tests.Synthetic;

public sealed class SyntheticHenkilotunnusTests
{
    [Fact]
    public void GivenThePublishedExample_ThenTheCheckCharacterMatches()
    {
        // DVV's documented example 131052-308T.
        Assert.Equal('T', SyntheticHenkilotunnus.CheckCharacter(new DateOnly(1952, 10, 13), 308));
        Assert.True(SyntheticHenkilotunnus.IsValid("131052-308T", out var birth, out var individual));
        Assert.Equal((new DateOnly(1952, 10, 13), 308), (birth, individual));
    }

    [Theory]
    [InlineData(1975, 0, false, "-900")]
    [InlineData(1975, 0, true, "-901")]
    [InlineData(1975, 49, true, "-999")]
    [InlineData(1975, 50, false, "Y900")]
    [InlineData(1975, 299, true, "U999")]
    [InlineData(2012, 50, true, "B901")]
    [InlineData(1899, 0, true, "+901")]
    public void GivenAnOrdinal_ThenTheCodeUsesSyntheticNumbersAndTheNextCenturySignWhenFull(int year, int ordinal, bool male, string signAndNumber)
    {
        var code = SyntheticHenkilotunnus.Synthetic(new DateOnly(year, 3, 5), male, ordinal);

        Assert.NotNull(code);
        Assert.Equal(signAndNumber, code[6..10]);
        Assert.True(SyntheticHenkilotunnus.IsValid(code, out _, out var individual));
        Assert.Equal(male, individual % 2 == 1);
    }

    [Theory]
    [InlineData(1975, 300)]
    [InlineData(1899, 50)]
    public void GivenAnExhaustedDate_ThenThereIsNoCode(int year, int ordinal)
    {
        Assert.Null(SyntheticHenkilotunnus.Synthetic(new DateOnly(year, 3, 5), true, ordinal));
    }

    [Theory]
    [InlineData("131052-308U")]
    [InlineData("310252-308T")]
    [InlineData("131052?308T")]
    [InlineData("13105-2308T")]
    public void GivenAWrongCode_ThenItIsNotValid(string code)
    {
        Assert.False(SyntheticHenkilotunnus.IsValid(code, out _, out _));
    }
}
