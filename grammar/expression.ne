# The expression grammar. One nonterminal per precedence level, loosest first:
#   sum (+ -)  <  product (* /)  <  factor (unary + -, and ^)  <  operand (number, name, call, parentheses)
# A factor is a sign applied to a factor, or an operand, possibly raised to a factor. So -x^2 is -(x^2), 2^-x is
# 2^(-x), and 2^3^2 is 2^(3^2) (^ is right-associative). Unary signs and ^ share a level rather than having one each:
# every nonterminal the Earley parser goes through costs it chart states at every token, and the parser is the main
# cost of parsing. Juxtaposition (implicit multiplication: 2x^2 is 2*(x^2)) reaches the grammar as an explicit `*`
# token, see tokenize in src/parser/lexer.ts. The first rule, sum, is the start symbol.
# Postprocessors only record syntax (src/parser/syntax.ts); building expressions happens after the parse.
@preprocessor typescript

@{%
import { lexer } from "./lexer.js";
import * as s from "./syntax.js";
%}

@lexer lexer

sum        -> sum %additive product          {% s.binary %}
            | product                        {% id %}

product    -> product %multiplicative factor {% s.binary %}
            | factor                         {% id %}

factor     -> %additive factor               {% s.unary %}
            | operand %pow factor            {% s.binary %}
            | operand                        {% id %}

operand    -> %number                        {% s.number %}
            | %name                          {% s.name %}
            | %call arguments %rparen        {% s.call %}
            | %lparen sum %rparen            {% s.group %}

arguments  -> null                           {% s.noArguments %}
            | argumentList                   {% id %}

argumentList -> sum                          {% s.firstArgument %}
            | argumentList %comma sum        {% s.nextArgument %}
