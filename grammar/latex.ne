# The LaTeX grammar: math-mode LaTeX as people write it for calculus, read into the syntax tree of
# src/parser/syntax.ts, which src/parser/expression.ts builds into an expression exactly as it builds text's.
#
# Unlike the text grammar (grammar/expression.ne), which is flat for speed on inputs of 100,000 tokens, this grammar
# has a nonterminal per precedence level and builds the tree in its postprocessors: LaTeX input is short (a line of
# homework), and the structure here is richer (arguments in braces, functions applied without parentheses), so
# clarity wins. The grammar is unambiguous: every accepted input has exactly one parse (checked by the reader).
#
# Precedence, loosest first, as in text:  + -  <  * / \cdot \times \div  <  signs  <  juxtaposition  <  ^
# so -x^2 is -(x^2), 2x^2 is 2*(x^2), and -2 \cdot x is (-2)*x.
#
# Function application (the convention of textbooks and of SymPy's implicit application):
#   - with parentheses right after the function (and its power), the argument is the parenthesised expression:
#     \sin(x) y is sin(x)*y, \ln(x)^2 is ln(x)^2, \max(x, y) takes two arguments;
#   - without, the argument is the run of juxtaposed factors after the function, up to an explicit operator
#     (+ - \cdot / ...), a closing bracket, or the next function: \sin 2x is sin(2x), \sin x \cos x is
#     sin(x)*cos(x), \sin x^2 is sin(x^2);
#   - \sin^2 x is sin(x)^2, and \sin^{-1} x is asin(x) (f^{-1} is the inverse function where the table has one);
#   - a sign right after the function belongs to its argument, as in text: \sin -x is sin(-x), \sin -x y sin(-(x y)).
# Juxtaposition never starts a factor with a number (x 2 is an error, as in text): write x \cdot 2.
# An exponent without braces may have a sign, as in text (TeX would raise only the sign): x^-1 is x^{-1}, e^-x e^{-x}.
@preprocessor typescript

@{%
import { latexLexer } from "./latex-lexer.js";
import { inverseHead, type Head, type LatexStatement } from "./latex-syntax.js";
import type { BinaryOperator, Sign, Syntax } from "./syntax.js";

/** The data nearley hands a postprocessor: one item per symbol of the rule (untyped in nearley). */
type Data = any[];

const binary = ([left, op, right]: Data): Syntax => ({ type: "binary", op: op.value as BinaryOperator, left, right });
const juxtaposed = ([left, right]: Data): Syntax => ({ type: "binary", op: "*", left, right });
const power = ([base, , exponent]: Data): Syntax => ({ type: "binary", op: "^", left: base, right: exponent });
const signed = ([op, operand]: Data): Syntax => ({ type: "unary", op: op.value as Sign, operand, token: op });
const numberNode = ([t]: Data): Syntax => ({ type: "number", token: t });
// A name's token carries its meaning as its text: the builder reads names from the text (`\alpha` is α).
const nameNode = ([t]: Data): Syntax => ({ type: "name", token: { ...t, text: t.value } });
const inner = ([, e]: Data): Syntax => e;

/** A head applied to its arguments, then raised to its power (\sin^2 x is sin(x)^2). */
function apply(head: Head, args: Syntax[]): Syntax {
  const call: Syntax = { type: "call", name: head.name, token: head.token, args: head.base ? [...args, head.base] : args };
  return head.power ? { type: "binary", op: "^", left: call, right: head.power } : call;
}
%}

@lexer latexLexer

# A definition's left side and its `=` (y =, f(x, y) =, \frac{dy}{dx} =) are one token, read by the lexer; any other
# equation is an implicit curve (x^2 + y^2 = 1), whose left side is an expression.
statement     -> expression                           {% ([e]): LatexStatement => ({ syntax: e }) %}
               | %derivative expression               {% ([d, e]): LatexStatement => ({ syntax: e, derivative: d.variables }) %}
               | %definition expression               {% ([d, e]): LatexStatement => ({ syntax: e, definition: d.definition }) %}
               | expression %equals expression        {% ([left, , e]): LatexStatement => ({ syntax: e, left }) %}

expression    -> sum                                  {% id %}
sum           -> term                                 {% id %}
               | sum %plus term                       {% binary %}
               | sum %minus term                      {% binary %}
term          -> signed                               {% id %}
               | term %times signed                   {% binary %}
               | term %div signed                     {% binary %}
signed        -> product                              {% id %}
               | %plus signed                         {% signed %}
               | %minus signed                        {% signed %}

# A product of juxtaposed factors and function applications. `open` ends in a factor or a parenthesised call, so
# another factor may follow; `closed` ends in a function applied without parentheses, whose argument took every
# factor after it, so only another function may follow.
product       -> open                                 {% id %}
               | closed                               {% id %}
open          -> first                                {% id %}
               | call                                 {% id %}
               | open factor                          {% juxtaposed %}
               | open call                            {% juxtaposed %}
               | closed call                          {% juxtaposed %}
closed        -> bare                                 {% id %}
               | open bare                            {% juxtaposed %}
               | closed bare                          {% juxtaposed %}

# Factors. Only the first of a product may be a number.
first         -> factor                               {% id %}
               | numeric                              {% id %}
numeric       -> %number                              {% numberNode %}
               | %number %pow exponent                {% ([n, op, s]) => power([numberNode([n]), op, s]) %}
factor        -> wordFactor                           {% id %}
               | parenFactor                          {% id %}
wordFactor    -> atom                                 {% id %}
               | atom %pow exponent                   {% power %}
parenFactor   -> parenthesized                        {% id %}
               | parenthesized %pow exponent          {% power %}
atom          -> %name                                {% nameNode %}
               | %lbrace expression %rbrace           {% inner %}
               | %lbar expression %rbar               {% ([bar, e]) => ({ type: "call", name: "abs", token: bar, args: [e] }) %}
               | fraction                             {% id %}
               | root                                 {% id %}
parenthesized -> %lparen expression %rparen           {% inner %}
               | %lbrack expression %rbrack           {% inner %}
               | %lcurly expression %rcurly           {% inner %}

# A superscript, or an argument of \frac or \sqrt: a group in braces, or one digit or name. An exponent may have a
# sign before it.
script        -> %lbrace expression %rbrace           {% inner %}
               | %number                              {% numberNode %}
               | %name                                {% nameNode %}
exponent      -> script                               {% id %}
               | %minus script                        {% signed %}
               | %plus script                         {% signed %}
fraction      -> %frac script script                  {% ([, a, b]) => ({ type: "binary", op: "/", left: a, right: b }) %}
root          -> %sqrt script                         {% ([t, u]) => ({ type: "call", name: "sqrt", token: t, args: [u] }) %}
               | %sqrt %lbrack expression %rbrack script
                 {% ([t, , n, , u]) => ({ type: "binary", op: "^", left: u, right: { type: "binary", op: "/", left: { type: "number", token: { ...t, value: "1", text: "1" } }, right: n } }) %}

# Function applications: with parentheses (any number of arguments), or bare (one argument: the run of factors,
# after any signs).
call          -> head %lparen arguments %rparen       {% ([h, , args]) => apply(h, args) %}
               | head %lparen arguments %rparen %pow exponent
                 {% ([h, , args, , op, s]) => power([apply(h, args), op, s]) %}
bare          -> head signedRun                       {% ([h, u]) => apply(h, [u]) %}
signedRun     -> run                                  {% id %}
               | %plus signedRun                      {% signed %}
               | %minus signedRun                     {% signed %}
run           -> wordFactor                           {% id %}
               | numeric                              {% id %}
               | run factor                           {% juxtaposed %}
arguments     -> expression                           {% ([e]) => [e] %}
               | arguments %comma expression          {% ([args, , e]) => [...args, e] %}
head          -> %func                                {% ([t]): Head => ({ name: t.value, token: t }) %}
               | %func %pow exponent                  {% ([t, , s]) => inverseHead(t, s) %}
               | %logbase                             {% ([t]): Head => ({ name: "log", token: t }) %}
               | %logbase %sub script                 {% ([t, , b]): Head => ({ name: "log", token: t, base: b }) %}
