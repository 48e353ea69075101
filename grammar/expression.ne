# The text grammar. It only recognises: operands separated by infix operators, where an operand is a number, a
# name, a call, a bracketed expression (`( )`, `[ ]`, `{ }`, or `| |` for an absolute value), or an operand after a
# sign, a root (`√`) or a bare function name (`sin x`). It decides whether the tokens form an
# expression and, when they do not, which tokens could have come next (the error message reads them off the
# parser's chart), but it builds no tree and knows nothing of precedence.
#
# Why flat: nearley is an Earley parser, and every nonterminal it goes through costs it chart states (allocated
# objects) at every token. A nonterminal per precedence level (sum < product < factor < operand) made the parser the
# main cost of parsing; this grammar accepts the same token sequences with two nonterminals on the path from an
# expression to its operands.
#
# Precedence and associativity are resolved after the parse, from the same tokens, by src/parser/precedence.ts:
#   + - (loosest, left-associative)  <  * / (left)  <  unary + -  <  ^ (right-associative)
# so -x^2 is -(x^2), 2^-x is 2^(-x) and 2^3^2 is 2^(3^2). Juxtaposition (implicit multiplication: 2x^2 is 2*(x^2))
# reaches the grammar as an explicit `*` token, see tokenize in src/parser/lexer.ts.
#
# The first rule, statement, is the start symbol: an expression, possibly after a derivative prefix (`d/dx`, one
# `leibniz` token), or an equation (`y = ...`, `f(x) = ...`, `x^2 + y^2 = 1`).
@preprocessor typescript

@{%
import { lexer } from "./lexer.js";

/**
 * Every rule's postprocessor: all the parse has to tell is whether there is exactly one. Dropping the data nearley
 * builds for each completed rule (an array of its symbols' data), instead of leaving it in the chart, measured about
 * 15% faster on long input (18,000 tokens) and no slower on short input.
 */
const nothing = () => null;
%}

@lexer lexer

# An equation's left side is an expression too: a definition (`y = ...`, `f(x, y) = ...`, `f'(x) = ...`) or an
# implicit curve (`x^2 + y^2 = 1`); src/parser/parse.ts tells them apart.
statement  -> expression                           {% nothing %}
            | %leibniz expression                  {% nothing %}
            | expression %equals expression        {% nothing %}

expression -> operand                              {% nothing %}
            | expression %additive operand         {% nothing %}
            | expression %multiplicative operand   {% nothing %}
            | expression %pow operand              {% nothing %}

# A bare function (`sin x`, `sin^2 x`, `sin^-1 x`) takes one operand here; how far its argument reaches (`sin 2x` is
# sin(2x)) is precedence, decided with the rest of it in src/parser/precedence.ts. A root (`√x`) is a prefix like a sign.
operand    -> %additive operand                    {% nothing %}
            | %root operand                        {% nothing %}
            | %functionName operand                {% nothing %}
            | %functionName %pow exponent operand  {% nothing %}
            | %number                              {% nothing %}
            | %name                                {% nothing %}
            | %call %rparen                        {% nothing %}
            | %call argumentList %rparen           {% nothing %}
            | %lparen expression %rparen           {% nothing %}
            | %lbracket expression %rbracket       {% nothing %}
            | %lbrace expression %rbrace           {% nothing %}
            | %lbar expression %rbar               {% nothing %}

# The power of a bare function: a whole number, possibly negative (`sin^-1 x` is asin(x)).
exponent   -> %number                              {% nothing %}
            | %additive %number                    {% nothing %}

argumentList -> expression                         {% nothing %}
            | argumentList %comma expression       {% nothing %}
