/** Portuguese stage lexicon: the most frequent question, comparison and purchase words only. */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const PORTUGUESE_LEXICON: Lexicon = {
  lang: 'pt',
  entries: [
    ...terms('interest', 1.2, `o que e, o que sao, o que significa, por que, porque, como fazer, como funciona,
      quando, quantos, significado, definicao, sintomas, causas, dicas, ideias, guia, receita, exemplos,
      melhor forma de, melhor maneira de`),
    ...terms('interest', 1.0, `como, que`),
    ...terms('comparison', 1.5, `melhor, melhores, o melhor, a melhor, comparacao, comparativo, review, avaliacao,
      avaliacoes, opinioes, diferenca entre, alternativa a, alternativas a, ranking, qual escolher, vale a pena,
      pros e contras`),
    ...terms('comparison', 1.0, `qual, diferenca, alternativa, alternativas, top`),
    ...terms('purchase', 1.5, `preco, precos, custo, quanto custa, barato, barata, comprar, onde comprar, oferta,
      ofertas, desconto, cupom, cupao, frete, frete gratis, entrega, devolucao, garantia, perto de mim, horario,
      horarios, instalar, instalacao, baixar, download, reservar, reserva, assinatura, aluguel, alugar, a venda,
      venda, orcamento, usado, loja, promocao`),
    ...terms('purchase', 0.8, `gratis, gratuito, online`),
    ...terms('navigational', 1.2, `entrar, login, acesso, minha conta, area do cliente, atendimento ao cliente,
      site oficial, telefone`, { kind: 'nav-modifier' }),
  ],
};
