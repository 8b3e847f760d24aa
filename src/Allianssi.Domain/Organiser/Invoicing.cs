using System.Collections.Immutable;
using System.Globalization;

namespace Allianssi.Domain.Organiser;

/// <summary>The figures of one year that invoicing needs, summed by the analytical store's SQL.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="ProductCosts">K_r per product id (ledger amounts of its accounts booked in the year).</param>
/// <param name="OverheadCost">K_o before products without outputs are moved into it.</param>
/// <param name="Outputs">Per product id: quantity per municipality code of the persons (empty string: person not in <c>persons</c>).</param>
/// <param name="Population">P_m per member: the sum of its <c>population.count</c> rows of the year.</param>
public sealed record InvoiceInputs(
    int Year,
    IReadOnlyDictionary<string, decimal> ProductCosts,
    decimal OverheadCost,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Outputs,
    IReadOnlyDictionary<string, long> Population);

/// <summary>A product's price for the year.</summary>
/// <param name="Id">Product id.</param>
/// <param name="Name">Product name.</param>
/// <param name="Cost">K_r.</param>
/// <param name="Outputs">Q_r, members and others.</param>
/// <param name="UnitPrice">p_r = K_r / Q_r at full precision; null when there are no outputs.</param>
public sealed record ProductPrice(string Id, string Name, Money Cost, long Outputs, decimal? UnitPrice);

/// <summary>One line of an invoice.</summary>
/// <param name="Product">Product id.</param>
/// <param name="Quantity">q.</param>
/// <param name="UnitPrice">p_r at full precision.</param>
/// <param name="Amount">round2(q x p_r), plus the residual cents when this line takes them.</param>
/// <param name="ResidualCents">The cents added (or removed) so that the product's lines add up to round2(K_r).</param>
public sealed record InvoiceLine(string Product, long Quantity, decimal UnitPrice, Money Amount, Money ResidualCents);

/// <summary>A member municipality's invoice for the year.</summary>
/// <param name="Municipality">Member code.</param>
/// <param name="Population">P_m.</param>
/// <param name="Lines">One per priced product, in model order.</param>
/// <param name="Overhead">round2(K_o x P_m / P), plus its residual cents.</param>
/// <param name="OverheadResidualCents">The residual cents on the overhead line.</param>
/// <param name="Total">The sum of its rounded lines.</param>
/// <param name="Budget">B_m.</param>
/// <param name="Advances">Twelve monthly advances.</param>
/// <param name="TrueUp">Total - B_m: an additional invoice when positive, a credit note when negative.</param>
public sealed record MemberInvoice(
    string Municipality,
    long Population,
    ImmutableArray<InvoiceLine> Lines,
    Money Overhead,
    Money OverheadResidualCents,
    Money Total,
    Money Budget,
    ImmutableArray<Money> Advances,
    Money TrueUp);

/// <summary>Outputs for persons of non-member municipalities or missing from <c>persons</c>: product lines only.</summary>
public sealed record OthersInvoice(ImmutableArray<InvoiceLine> Lines, Money Total);

/// <summary>An invoice run of one year (organiser-payments.md section 4).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Products">The price list, in model order.</param>
/// <param name="OverheadCost">K_o including the costs of products without outputs.</param>
/// <param name="Warnings">Data gaps (a product with costs but no outputs), named.</param>
/// <param name="Members">Each member's invoice, in model order.</param>
/// <param name="Others">Lines for others.</param>
/// <param name="CheckCosts">Sum of round2(K_r) over products plus round2(K_o) before any move.</param>
/// <param name="CheckInvoiced">Sum of every invoice, others included.</param>
/// <param name="Explanations">One line per figure.</param>
public sealed record InvoiceRun(
    int Year,
    ImmutableArray<ProductPrice> Products,
    Money OverheadCost,
    ImmutableArray<string> Warnings,
    ImmutableArray<MemberInvoice> Members,
    OthersInvoice Others,
    Money CheckCosts,
    Money CheckInvoiced,
    ImmutableArray<Explanation> Explanations);

/// <summary>The arithmetic of invoicing member municipalities: prices, rounding, residual cents, advances and true-up.</summary>
public static class Invoicer
{
    /// <summary>Invoices the year from its summed inputs.</summary>
    /// <exception cref="InvalidOrganiserModelException">The model has no invoicing section, or a member has no population.</exception>
    public static InvoiceRun Invoice(OrganiserModel model, InvoiceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var terms = model.Invoicing ?? throw new InvalidOrganiserModelException([new Scenarios.ScenarioError("invoicing", "the model has no invoicing section")]);
        var year = inputs.Year;
        var members = terms.Members;
        var memberSet = members.ToHashSet(StringComparer.Ordinal);
        var missingPopulation = members.Select((m, i) => (m, i)).Where(x => inputs.Population.GetValueOrDefault(x.m) <= 0).ToList();
        if (missingPopulation.Count > 0)
        {
            throw new InvalidOrganiserModelException(missingPopulation.Select(x => new Scenarios.ScenarioError(
                Invariant($"invoicing.members[{x.i}]"), Invariant($"member {x.m} has no population rows for {year}"))));
        }

        var explanations = new List<Explanation>();
        var warnings = new List<string>();
        var products = new List<ProductPrice>();
        var lines = members.ToDictionary(m => m, _ => new List<InvoiceLine>(), StringComparer.Ordinal);
        var others = new List<InvoiceLine>();
        var checkCosts = 0m;
        var moved = 0m;
        foreach (var product in terms.Products)
        {
            var cost = inputs.ProductCosts.GetValueOrDefault(product.Id);
            checkCosts += Round2(cost);
            var outputs = inputs.Outputs.TryGetValue(product.Id, out var o) ? o : new Dictionary<string, long>();
            var byMember = members.ToDictionary(m => m, m => outputs.GetValueOrDefault(m), StringComparer.Ordinal);
            var othersQuantity = outputs.Where(kv => !memberSet.Contains(kv.Key)).Sum(kv => kv.Value);
            var total = byMember.Values.Sum() + othersQuantity;
            if (total == 0)
            {
                products.Add(new ProductPrice(product.Id, product.Name, new Money(cost), 0, null));
                if (cost != 0m)
                {
                    moved += cost;
                    var warning = Invariant($"{product.Id}: cost {new Money(cost)} but no outputs in {year}; the cost is added to the overhead");
                    warnings.Add(warning);
                    explanations.Add(new Explanation(Invariant($"invoice.{product.Id}.unitPrice"), null, warning)
                    {
                        Template = "organiser.invoice.noOutputs", Arguments = [product.Id, new Money(cost), year],
                    });
                }

                continue;
            }

            var price = cost / total;
            products.Add(new ProductPrice(product.Id, product.Name, new Money(cost), total, price));
            explanations.Add(new Explanation(Invariant($"invoice.{product.Id}.unitPrice"), price,
                Invariant($"{product.Id}: cost {new Money(cost)} / {total} outputs = {Numbers.Format(Math.Round(price, 10, MidpointRounding.AwayFromZero))}"))
            {
                Template = "organiser.invoice.unitPrice", Arguments = [product.Id, new Money(cost), total, Math.Round(price, 10, MidpointRounding.AwayFromZero)],
            });

            var rounded = members.ToDictionary(m => m, m => Round2(byMember[m] * price), StringComparer.Ordinal);
            var othersAmount = Round2(othersQuantity * price);
            var residual = Round2(cost) - rounded.Values.Sum() - othersAmount;
            string? taker = null;
            if (residual != 0m)
            {
                taker = members.Where(m => byMember[m] > 0)
                    .OrderByDescending(m => byMember[m]).ThenBy(m => m, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (taker is null)
                {
                    othersAmount += residual;
                }
                else
                {
                    rounded[taker] += residual;
                }
            }

            foreach (var m in members)
            {
                var cents = m == taker ? residual : 0m;
                lines[m].Add(new InvoiceLine(product.Id, byMember[m], price, new Money(rounded[m]), new Money(cents)));
                explanations.Add(Line(Invariant($"invoice.{m}.{product.Id}.amount"), product.Id, byMember[m], price, rounded[m], cents));
            }

            var othersCents = taker is null ? residual : 0m;
            others.Add(new InvoiceLine(product.Id, othersQuantity, price, new Money(othersAmount), new Money(othersCents)));
            explanations.Add(Line(Invariant($"invoice.others.{product.Id}.amount"), product.Id, othersQuantity, price, othersAmount, othersCents));
        }

        checkCosts += Round2(inputs.OverheadCost);
        var overheadCost = inputs.OverheadCost + moved;
        var population = members.Sum(m => inputs.Population[m]);
        var overhead = members.ToDictionary(m => m, m => Round2(overheadCost * inputs.Population[m] / population), StringComparer.Ordinal);
        var overheadResidual = Round2(overheadCost) - overhead.Values.Sum();
        var overheadTaker = members.OrderByDescending(m => inputs.Population[m]).ThenBy(m => m, StringComparer.Ordinal).First();
        overhead[overheadTaker] += overheadResidual;
        explanations.Add(moved == 0m
            ? new Explanation("invoice.overhead.cost", overheadCost, Invariant($"overhead = {new Money(inputs.OverheadCost)}"))
            {
                Template = "organiser.invoice.overheadCost", Arguments = [new Money(inputs.OverheadCost)],
            }
            : new Explanation("invoice.overhead.cost", overheadCost,
                Invariant($"overhead = {new Money(inputs.OverheadCost)} + {new Money(moved)} of products without outputs = {new Money(overheadCost)}"))
            {
                Template = "organiser.invoice.overheadCostMoved", Arguments = [new Money(inputs.OverheadCost), new Money(moved), new Money(overheadCost)],
            });

        var invoices = new List<MemberInvoice>();
        foreach (var m in members)
        {
            var cents = m == overheadTaker ? overheadResidual : 0m;
            explanations.Add(new Explanation(Invariant($"invoice.{m}.overhead"), overhead[m],
                Invariant($"{m} overhead: round2({new Money(overheadCost)} x {inputs.Population[m]} / {population}) = {new Money(overhead[m] - cents)}")
                + (cents == 0m ? string.Empty : Invariant($" + residual {new Money(cents)} (greatest population) = {new Money(overhead[m])}")))
            {
                Template = cents == 0m ? "organiser.invoice.overhead" : "organiser.invoice.overheadResidual",
                Arguments = [m, new Money(overheadCost), inputs.Population[m], population, new Money(overhead[m] - cents), new Money(cents), new Money(overhead[m])],
            });
            var total = lines[m].Sum(l => l.Amount.Euros) + overhead[m];
            var budget = terms.Budgets[m];
            var advance = Round2(budget / 12m);
            var advances = Enumerable.Repeat(new Money(advance), 11).Append(new Money(budget - (11 * advance))).ToImmutableArray();
            var trueUp = total - budget;
            explanations.Add(new Explanation(Invariant($"invoice.{m}.total"), total,
                Invariant($"{m} total = {string.Join(" + ", lines[m].Select(l => l.Amount.ToString()).Append(new Money(overhead[m]).ToString()))} = {new Money(total)}"))
            {
                Template = "organiser.invoice.total",
                Arguments = [m, new ExplanationTerms([.. lines[m].Select(l => new ExplanationTerm(l.Amount.Euros)), new ExplanationTerm(overhead[m])]), new Money(total)],
            });
            explanations.Add(new Explanation(Invariant($"invoice.{m}.advances"), advance,
                Invariant($"{m} advances: round2({new Money(budget)} / 12) = {new Money(advance)} in months 1-11, {new Money(budget)} - 11 x {new Money(advance)} = {new Money(budget - (11 * advance))} in December"))
            {
                Template = "organiser.invoice.advances", Arguments = [m, new Money(budget), new Money(advance), new Money(budget - (11 * advance))],
            });
            explanations.Add(new Explanation(Invariant($"invoice.{m}.trueUp"), trueUp,
                Invariant($"{m} true-up = total {new Money(total)} - budget {new Money(budget)} = {new Money(trueUp)} ({(trueUp > 0m ? "additional invoice" : trueUp < 0m ? "credit note" : "nothing to settle")})"))
            {
                Template = "organiser.invoice.trueUp",
                Arguments = [m, new Money(total), new Money(budget), new Money(trueUp),
                    new ExplanationPart(trueUp > 0m ? "organiser.invoice.additional" : trueUp < 0m ? "organiser.invoice.credit" : "organiser.invoice.nothing", [])],
            });
            invoices.Add(new MemberInvoice(m, inputs.Population[m], [.. lines[m]], new Money(overhead[m]), new Money(cents), new Money(total), new Money(budget), advances, new Money(trueUp)));
        }

        var othersInvoice = new OthersInvoice([.. others], new Money(others.Sum(l => l.Amount.Euros)));
        var invoiced = invoices.Sum(i => i.Total.Euros) + othersInvoice.Total.Euros;
        explanations.Add(new Explanation("invoice.check", invoiced,
            Invariant($"check: costs {new Money(checkCosts)}, invoiced {new Money(invoiced)}"))
        {
            Template = "organiser.invoice.check", Arguments = [new Money(checkCosts), new Money(invoiced)],
        });
        return new InvoiceRun(year, [.. products], new Money(overheadCost), [.. warnings], [.. invoices], othersInvoice,
            new Money(checkCosts), new Money(invoiced), [.. explanations]);
    }

    /// <summary>An invoice line's explanation: <c>7 doctor_visit x 108.3333333333 = 758.33 + residual 0.01 = 758.34</c>.</summary>
    private static Explanation Line(string key, string product, long quantity, decimal price, decimal amount, decimal cents)
    {
        var shown = Math.Round(price, 10, MidpointRounding.AwayFromZero);
        var text = Invariant($"{quantity} {product} x {Numbers.Format(shown)} = {new Money(amount - cents)}")
            + (cents == 0m ? string.Empty : Invariant($" + residual {new Money(cents)} = {new Money(amount)}"));
        return new Explanation(key, amount, text)
        {
            Template = cents == 0m ? "organiser.invoice.line" : "organiser.invoice.lineResidual",
            Arguments = [quantity, product, shown, new Money(amount - cents), new Money(cents), new Money(amount)],
        };
    }

    private static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
