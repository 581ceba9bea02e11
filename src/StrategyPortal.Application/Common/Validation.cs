using System.Linq.Expressions;
using FluentValidation;
using FluentValidation.Results;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

/// <summary>
/// The one validation path (docs/architecture.md, "Validation"). A rule lives in the Domain as a <c>Valid…</c> method that
/// throws <see cref="DomainException"/> with a code; the input's validator applies that same method to the input's property
/// (<see cref="Satisfies{T,TProperty,TResult}(IRuleBuilder{T,TProperty},Func{TProperty,TResult})"/>), and
/// <see cref="MessageText.EnsureValidAsync{T}"/> turns every failure into a <see cref="ValidationFailedException"/> keyed by the
/// property's path ("Claim", "Requirements[1].Hours"), in the reader's language. A form shows each message at the field bound to it.
/// </summary>
public static class ValidationRules
{
    /// <summary>The property must pass the domain rule <paramref name="domainRule"/>; its <see cref="DomainException"/> becomes this property's failure.</summary>
    public static IRuleBuilderOptionsConditions<T, TProperty> Satisfies<T, TProperty, TResult>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, TResult> domainRule) =>
        rule.Satisfies((_, value) => domainRule(value));

    /// <summary>As above, for a rule that also reads other properties of the input (a threshold and its target).</summary>
    public static IRuleBuilderOptionsConditions<T, TProperty> Satisfies<T, TProperty, TResult>(this IRuleBuilder<T, TProperty> rule, Func<T, TProperty, TResult> domainRule) =>
        rule.Custom((value, context) =>
        {
            try
            {
                domainRule(context.InstanceToValidate, value);
            }
            catch (DomainException e)
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, e.Message) { ErrorCode = e.Code, CustomState = e.Args });
            }
        });

    /// <summary>The path of <paramref name="field"/> as validators name it: <c>i => i.Requirements[2].Hours</c> is "Requirements[2].Hours".</summary>
    public static string PathOf(LambdaExpression field)
    {
        var parts = new List<string>();
        var node = field.Body;
        while (node is not ParameterExpression)
        {
            switch (node)
            {
                case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                    node = convert.Operand;
                    break;
                case MemberExpression { Expression: not null } member:
                    parts.Add("." + member.Member.Name);
                    node = member.Expression;
                    break;
                case MethodCallExpression { Method.Name: "get_Item", Object: not null, Arguments.Count: 1 } indexer:
                    parts.Add($"[{Evaluate(indexer.Arguments[0])}]");
                    node = indexer.Object;
                    break;
                case BinaryExpression { NodeType: ExpressionType.ArrayIndex } index:
                    parts.Add($"[{Evaluate(index.Right)}]");
                    node = index.Left;
                    break;
                default:
                    throw new ArgumentException($"'{field}' does not name a property of the input.", nameof(field));
            }
        }
        parts.Reverse();
        return string.Concat(parts).TrimStart('.');
    }

    private static object? Evaluate(Expression expression) =>
        expression is ConstantExpression constant ? constant.Value : Expression.Lambda(expression).Compile().DynamicInvoke();
}
