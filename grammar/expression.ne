# The expression grammar. One nonterminal per precedence level, loosest first:
#   sum (+ -)  <  product (* / and juxtaposition)  <  factor (unary + -, and ^)  <  atom
# A factor is a sign applied to a factor, or an atom raised to a factor, or an atom. So -x^2 is -(x^2), 2^-x is
# 2^(-x), and 2^3^2 is 2^(3^2) (^ is right-associative); one level for both keeps the Earley chart small.
# 2x^2 is 2*(x^2). Juxtaposition (implicit multiplication) never starts with a number or a sign: `2 3` and `x -y`
# are not products. The first rule, sum, is the start symbol.
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
            | product juxtaposed             {% s.implicit %}
            | factor                         {% id %}

factor     -> %additive factor               {% s.unary %}
            | atom %pow factor               {% s.binary %}
            | atom                           {% id %}

juxtaposed -> operand %pow factor            {% s.binary %}
            | operand                        {% id %}

atom       -> %number                        {% s.number %}
            | operand                        {% id %}

operand    -> %name                          {% s.name %}
            | %call arguments %rparen        {% s.call %}
            | %lparen sum %rparen            {% s.group %}

arguments  -> null                           {% s.noArguments %}
            | argumentList                   {% id %}

argumentList -> sum                          {% s.firstArgument %}
            | argumentList %comma sum        {% s.nextArgument %}
