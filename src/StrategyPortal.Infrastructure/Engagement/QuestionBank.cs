using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// The question bank every installation starts with (seeded by the migration). Our own wording,
/// in Dutch and English — deliberately not Gallup's Q12, whose items are copyrighted.
/// </summary>
public static class QuestionBank
{
    public sealed record Item(int Id, string Code, QuestionKind Kind, string TextNl, string TextEn);

    public static IReadOnlyList<Item> Items { get; } =
    [
        new(1, "ENG-PURPOSE", QuestionKind.Engagement,
            "Ik weet wat mijn werk bijdraagt aan wat onze klanten van ons verwachten.",
            "I know how my work contributes to what our customers expect from us."),
        new(2, "ENG-TOOLS", QuestionKind.Engagement,
            "Ik heb de informatie en de middelen om mijn werk goed te doen.",
            "I have the information and the tools to do my job well."),
        new(3, "ENG-SKILLS", QuestionKind.Engagement,
            "In mijn werk worden mijn vaardigheden goed benut.",
            "My work makes good use of my skills."),
        new(4, "ENG-NOTICED", QuestionKind.Engagement,
            "Als ik goed werk lever, wordt dat opgemerkt.",
            "When I do good work, it gets noticed."),
        new(5, "ENG-LEARNING", QuestionKind.Engagement,
            "Ik leer in mijn werk regelmatig iets nieuws.",
            "I regularly learn something new in my work."),
        new(6, "ENG-VOICE", QuestionKind.Engagement,
            "Mijn ideeën en zorgen worden serieus genomen.",
            "My ideas and concerns are taken seriously."),
        new(7, "ENG-TEAM", QuestionKind.Engagement,
            "Ik kan op mijn collega's rekenen als het druk is.",
            "I can count on my colleagues when things get busy."),
        new(8, "ENG-PRIDE", QuestionKind.Engagement,
            "Ik ben trots op de service die wij onze klanten geven.",
            "I am proud of the service we give our customers."),
        new(9, "STR-STANDARDS", QuestionKind.Strategy,
            "Ik weet op welke normen mijn team wordt beoordeeld.",
            "I know which service standards my team is measured on."),
        new(10, "STR-PROMISES", QuestionKind.Strategy,
            "Ik kan de beloften waarmaken die marketing aan onze klanten doet.",
            "I can keep the promises marketing makes to our customers."),
        new(11, "ENPS", QuestionKind.Enps,
            "Hoe waarschijnlijk is het dat je onze organisatie aan een vriend of bekende aanbeveelt als werkgever?",
            "How likely are you to recommend our organisation as a place to work to a friend or acquaintance?"),
        new(12, "COMMENT", QuestionKind.FreeText,
            "Wat zou jouw werk of onze service het meest verbeteren? (niet verplicht)",
            "What would most improve your work or our service? (optional)"),
    ];
}
